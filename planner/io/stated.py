"""The framework version an imported data set says it was written for, read against the version in use.

A curriculum, a mapping or a roles file may name the framework version its indicators and levels refer
to. Whatever it says, an import is checked against the version in use and kept as made for that
version (so a later revision can flag it); what it said only decides whether to refuse it (another
framework altogether) or to tell the lead that it was written for another version of this one.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from planner.domain.models import Framework, FrameworkRef


def stated_version(value: Any, fw: Framework, subject: str) -> tuple[str | None, str | None]:
    """What to say about the `framework_version` an imported file gives.

    Args:
        value: the file's `framework_version` as read from JSON, or None when it gives none.
        fw: the framework version in use, which the file is checked against.
        subject: what the file holds, as a person calls it, such as "curriculum" or "roles".

    Returns:
        (problem, note): a problem refuses the file (it is not a version, or is another framework's);
        a note tells the lead it was written for another version of this framework. Both None when
        the file gives no version or names the one in use.
    """
    if value is None:
        return None, None
    try:
        ref = FrameworkRef.model_validate(value)
    except ValidationError:
        return (f'framework_version must name a framework and a version, like {{"id": "{fw.id}", '
                f'"version": "{fw.version}"}}'), None
    if ref.id != fw.id:
        return (f"the {subject} is written for another framework ({ref.id}, version {ref.version}), not for "
                f"the one in use, {fw.label}; make that framework the one in use first, or give a {subject} "
                f"written for this one"), None
    if ref.version != fw.version:
        return None, (f"The file says its {subject} was written for version {ref.version} of the framework; "
                      f"it was checked against version {fw.version}, the one in use, and is kept as written for it.")
    return None, None
