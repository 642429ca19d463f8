"""Entry point of the frozen app: the same command line as ``lumetra-desk``.

``lumetra-desk --self-test`` (no command) is accepted as ``lumetra-desk gui --self-test`` so a packager or an
installer can check a build with one flag.
"""

import sys

from lumetra_desk.cli.main import main


def frozen_argv(argv: list[str]) -> list[str]:
    return ["gui", *argv] if argv[:1] == ["--self-test"] else argv


if __name__ == "__main__":
    sys.exit(main(frozen_argv(sys.argv[1:])))
