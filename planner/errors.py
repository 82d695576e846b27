"""Exceptions the planner raises, each with a message fit to show a user as it is."""


class PlannerError(Exception):
    """Base of every error the app shows to a user; the message is plain English."""


class DataFileError(PlannerError):
    """A shipped or imported data file is broken: names the file, the record and the field."""

    def __init__(self, file: str, problems: list[str]):
        self.file = file
        self.problems = problems
        listed = "; ".join(problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__(f"The data file {file} has a problem: {listed}{more}.")


class UnknownFramework(PlannerError):
    """A record refers to a framework version this installation does not have."""

    def __init__(self, framework_id: str, version: str):
        self.framework_id = framework_id
        self.version = version
        super().__init__(
            f"The framework version this refers to ({framework_id}, version {version}) is not installed here. "
            f"A lead can install it on Framework versions."
        )


class StoreError(PlannerError):
    """Saved data could not be read or written."""


class UnreadableDataSet(StoreError):
    """An imported data set is kept but cannot be read as JSON (`reason` says why, in plain English)."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


class RecordExists(StoreError):
    """A record with this id is already saved and must not be overwritten."""


class NewerVersionError(StoreError):
    """Saved or imported data comes from a newer version of the app than this one."""


def describe_invalid(exc: Exception, most: int = 3) -> str:
    """What a model refused in what a person entered, in plain English: the field and the limit.

    Pydantic's own message names Python types and links to its documentation; this says instead
    which field is wrong and what to do, such as "The objective is too long: use 5,000 characters
    or fewer." Anything that is not a validation error gives its own message. At most `most`
    problems are described.
    """
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return str(exc)
    sentences = []
    for error in errors()[:most]:
        names = [str(part) for part in error.get("loc", ()) if isinstance(part, str)]
        field = names[-1].replace("_", " ") if names else "value"
        limit = (error.get("ctx") or {}).get("max_length")
        kind = error.get("type", "")
        if kind == "string_too_long" and isinstance(limit, int):
            sentences.append(f"The {field} is too long: use {limit:,} characters or fewer.")
        elif kind == "too_long" and isinstance(limit, int):
            sentences.append(f"The {field} has too many entries: use {limit:,} or fewer.")
        elif kind in ("missing", "string_too_short"):
            sentences.append(f"The {field} is missing.")
        elif kind == "enum" and (error.get("ctx") or {}).get("expected"):
            sentences.append(f"The {field} must be one of {error['ctx']['expected']}.")
        else:
            reason = str(error.get("msg", "it is not valid")).removeprefix("Value error, ")
            sentences.append(f"{field[:1].upper()}{field[1:]}: {reason.rstrip('.')}.")
    return " ".join(sentences)
