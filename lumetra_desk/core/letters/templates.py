"""Letter templates: Jinja2 in a sandbox, bundled in resources/ and overridable from the officer's folder.

A template the officer drops into ``<config>/templates/letters/<kind>.j2`` wins over the bundled one. The
environment is sandboxed (a template cannot reach Python internals), autoescaping (user text cannot add
markup) and strict (a misspelt field is an error, never an empty gap in a letter).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.paths import resources_dir

LETTERS_SUBDIR = "letters"
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class RenderedTemplate:
    markup: str
    source: str  # the file the template came from, for errors and the snapshot
    sha256: str  # of the template text


def long_date(value: date | None) -> str:
    """US letter style, independent of the machine's locale: November 27, 2026."""
    if value is None:
        raise InvalidInputError("A date the letter needs is missing.")
    return f"{_MONTHS[value.month - 1]} {value.day}, {value.year}"


def join_and(items: Any) -> str:
    """ "a, b and c" for lists in running text."""
    values = [str(item) for item in items]
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " and " + values[-1]


@functools.lru_cache(maxsize=8)
def _environment(override_dir: Path | None) -> SandboxedEnvironment:
    folders = [str(resources_dir() / "templates" / LETTERS_SUBDIR)]
    if override_dir is not None:
        folders.insert(0, str(override_dir / LETTERS_SUBDIR))
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["long_date"] = long_date
    env.filters["join_and"] = join_and
    return env


def render_template(kind: str, context: dict[str, Any], override_dir: Path | None) -> RenderedTemplate:
    """Render ``<kind>.j2``; syntax errors and unknown fields become one plain error naming file and line."""
    env = _environment(override_dir)
    name = f"{kind}.j2"
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound as exc:
        raise InvalidInputError(f"There is no letter template {name}.") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise InvalidInputError(
            f"The letter template {exc.filename or name} has an error on line {exc.lineno}: {exc.message}."
        ) from exc
    source = template.filename or name
    try:
        markup = template.render(context)
    except jinja2.UndefinedError as exc:
        raise InvalidInputError(
            f"The letter template {source} uses a field that does not exist ({exc.message})."
        ) from exc
    except jinja2.TemplateError as exc:
        raise InvalidInputError(f"The letter template {source} could not be filled in: {exc}.") from exc
    return RenderedTemplate(markup=markup, source=source, sha256=_templates_digest(env, name))


def _templates_digest(env: SandboxedEnvironment, name: str) -> str:
    """SHA-256 over the kind's template and every shared partial (``_*.j2``) as the loader resolves them."""
    assert env.loader is not None
    digest = hashlib.sha256()
    partials = sorted(n for n in env.loader.list_templates() if n.startswith("_"))
    for template_name in (name, *partials):
        source, _filename, _uptodate = env.loader.get_source(env, template_name)
        digest.update(template_name.encode() + b"\0" + source.encode() + b"\0")
    return digest.hexdigest()
