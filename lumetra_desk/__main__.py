"""``python -m lumetra_desk`` is the same as the ``lumetra-desk`` command."""

import sys

from lumetra_desk.cli.main import main

sys.exit(main())
