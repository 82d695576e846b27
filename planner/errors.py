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


class StoreError(PlannerError):
    """Saved data could not be read or written."""


class RecordExists(StoreError):
    """A record with this id is already saved and must not be overwritten."""


class NewerVersionError(StoreError):
    """Saved or imported data comes from a newer version of the app than this one."""
