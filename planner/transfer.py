"""The command that copies everything saved from a TinyDB data folder into PostgreSQL, or back: planner.transfer.

    python -m planner.transfer --from ~/kim-data --to postgresql://kim@db.example/kim
    python -m planner.transfer --from postgresql://kim@db.example/kim --to ~/kim-data-copy --dry-run

The copying itself is planner.store.transfer's, for any two stores; this module opens the two
named, says what it did in plain English, and exits 0 when everything the source can read is in
the target, the same, or 1 with a message (never a traceback) when it could not be done. No
password in a database address is ever printed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from planner.errors import StoreError
from planner.io.dataset import CURRICULUM, MAPPING, ROLES
from planner.io.packs import LIBRARY_FILE
from planner.store import transfer, transfer_check
from planner.store.memory import MemoryRepository
from planner.store.repository import Repository
from planner.store.tinydb_store import TinyDBRepository

DATA_SETS = (CURRICULUM.file, MAPPING.file, ROLES.file, LIBRARY_FILE)
"""The data sets a lead may import, and the framework versions they installed: each copied when the source keeps one."""

URL_SCHEMES = ("postgresql://", "postgres://")

Say = Callable[[str], None]


class CommandError(Exception):
    """What stops the command, in a sentence for whoever ran it (its exit code is 1)."""


def is_database_url(location: str) -> bool:
    """Whether a --from or --to names a PostgreSQL database rather than a data folder."""
    return location.strip().lower().startswith(URL_SCHEMES)


def secrets_of(location: str) -> list[str]:
    """The passwords a database address holds, as written and as decoded, to keep out of every message."""
    if not is_database_url(location):
        return []
    parts = urlsplit(location.strip())
    written = [] if parts.password is None else [parts.password]
    written += [value for key, _, value in (pair.partition("=") for pair in parts.query.split("&"))
                if unquote(key).lower() == "password"]
    found = {secret for value in written for secret in (value, unquote(value)) if secret}
    return sorted(found, key=len, reverse=True)  # the longest first, so no part of one is left showing


def describe(location: str) -> str:
    """Where a --from or --to is, in words, with no password."""
    if is_database_url(location):
        from planner.store.postgres_store import describe_database  # as _open_database

        return f"{describe_database(location)} (PostgreSQL)"
    return f"the data folder {Path(location).expanduser()}"


@contextmanager
def opened(location: str, *, role: str, create: bool) -> Iterator[Repository]:
    """The store a --from or --to names, closed (a database's connections) at the end.

    Args:
        location: A data folder, or a postgresql:// address.
        role: "source" or "target", for messages.
        create: Make a missing data folder (a target being copied into); otherwise a missing one is refused.

    Raises:
        CommandError: The folder is missing or not a folder, or the database cannot be reached.
    """
    if is_database_url(location):
        repo = _open_database(location, role)
    else:
        folder = Path(location).expanduser()
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"The {role} {folder} is a file, not a data folder.")
        if not folder.exists() and not create:
            raise CommandError(f"The {role} data folder {folder} does not exist. Check the path and run again.")
        if not create and not (folder / "people").is_dir():
            # Opening it would make the folders of an empty store in it: never in a folder named by mistake.
            raise CommandError(f"The {role} {folder} is not a KIM Pathways data folder (it has no people folder). "
                               f"Check the path and run again.")
        repo = TinyDBRepository(folder)
    try:
        yield repo
    finally:
        close = getattr(repo, "close", None)
        if callable(close):
            close()


def _open_database(url: str, role: str) -> Repository:
    # Imported here, as the factory does, so that copying between two folders never loads the database driver.
    from planner.store.postgres_store import PostgresRepository

    try:
        return PostgresRepository(url)
    except StoreError as exc:
        raise CommandError(f"Could not open the {role}. {exc}") from None


def folder_set_asides(location: str) -> list[str]:
    """Files a data folder keeps aside as unreadable (whole files, and records moved out of one): never copied.

    They are named so that nobody takes the copy for everything: a database keeps what it sets
    aside inside itself, so a database has none.
    """
    if is_database_url(location):
        return []
    folder = Path(location).expanduser()
    found = sorted([*folder.glob("*.unreadable-*"), *(folder / "people").glob("*.unreadable-*")])
    return [f"{path} was set aside earlier as unreadable; it stays in the folder and is not copied." for path in found]


def print_counts(outcome: transfer.Outcome, say: Say) -> None:
    """The counts of each kind as a small table: new, replaced, and already there."""
    rows = [(kind, c) for kind, c in outcome.counts.items() if c.new or c.replaced or c.same]
    if not rows:
        say("  The source holds nothing to copy.")
        return
    width = max(len(kind) for kind, _ in rows)
    say(f"  {'':<{width}}  {'new':>7}  {'replaced':>8}  {'already there':>13}")
    for kind, c in rows:
        say(f"  {kind:<{width}}  {c.new:>7,}  {c.replaced:>8,}  {c.same:>13,}")


def print_left_behind(sentences: Sequence[str], say: Say) -> None:
    """What the source holds but cannot read, one line each, so nobody takes the copy for everything."""
    if not sentences:
        return
    say("")
    say(f"Left out, because the source cannot read it ({len(sentences):,}):")
    for sentence in sentences:
        say(f"  - {sentence}")


def print_check(check: transfer_check.Check, say: Say) -> bool:
    """The result of comparing every record of the source with the target; True when they are all equal."""
    say("")
    if check.ok:
        say(f"Check: all {check.compared:,} records of the source are in the target, the same and in the same "
            f"order.")
    else:
        say(f"Check: {len(check.differences):,} differences between the source and the target "
            f"({check.compared:,} records compared):")
        for sentence in check.differences[:50]:
            say(f"  - {sentence}")
        if len(check.differences) > 50:
            say(f"  ... and {len(check.differences) - 50:,} more.")
    if check.only_in_target:
        people = "profile" if check.only_in_target == 1 else "profiles"
        say(f"The target also holds {check.only_in_target:,} {people} the source does not have; they are left "
            f"as they are.")
    return check.ok


def run(args: argparse.Namespace, say: Say) -> int:
    """Do what the command line asks; the exit code.

    Raises:
        CommandError: It could not be done (a missing folder, an unreachable database, a conflict).
        StoreError: A store could not be read or written.
    """
    if _same_place(args.source, args.target):
        raise CommandError("--from and --to name the same place: copying it onto itself would change nothing.")
    say(f"From: {describe(args.source)}")
    say(f"To:   {describe(args.target)}")
    target_missing = not is_database_url(args.target) and not Path(args.target).expanduser().exists()
    with opened(args.source, role="source", create=False) as source:
        if args.dry_run and target_missing:
            # A dry run writes nothing, not even the empty folder: an empty store stands in for it.
            say("The target folder does not exist yet: everything would be new.")
            return _dry_run(source, MemoryRepository(), args.source, say)
        with opened(args.target, role="target", create=not args.check_only) as target:
            if args.dry_run:
                return _dry_run(source, target, args.source, say)
            if args.check_only:
                check = transfer_check.compare(source, target, DATA_SETS)
                print_left_behind([*check.left_behind, *folder_set_asides(args.source)], say)
                return 0 if print_check(check, say) else 1
            try:
                done = transfer.copy_everything(source, target, DATA_SETS)
            except transfer.TransferConflict as conflict:
                raise CommandError(_conflict_message(conflict)) from None
            say("")
            if done.to_write:
                say(f"Copied {done.to_write:,} records; {done.already_there:,} were already there:")
            else:
                say(f"Nothing to copy: all {done.already_there:,} records were already there.")
            print_counts(done, say)
            print_left_behind([*done.left_behind, *folder_set_asides(args.source)], say)
            check = transfer_check.compare(source, target, DATA_SETS)
            return 0 if print_check(check, say) else 1


def _dry_run(source: Repository, target: Repository, source_location: str, say: Say) -> int:
    planned = transfer.survey(source, target, DATA_SETS)
    say("")
    say(f"Dry run, nothing written: copying would write {planned.to_write:,} records; "
        f"{planned.already_there:,} are already there.")
    print_counts(planned, say)
    print_left_behind([*planned.left_behind, *folder_set_asides(source_location)], say)
    if planned.conflicts:
        say("")
        say(_conflict_message(transfer.TransferConflict(planned.conflicts)))
        return 1
    return 0


def _conflict_message(conflict: transfer.TransferConflict) -> str:
    done = (f"{conflict.people_copied:,} people were copied whole before it was found; nothing of what it "
            f"concerns was written." if conflict.people_copied else "Nothing was copied.")
    listed = "\n".join(f"  - {sentence}" for sentence in conflict.conflicts)
    return (f"The copy stopped: the target already holds different data under the same ids.\n{listed}\n{done} "
            f"Decide which to keep (look at both, and remove or mend the one not wanted), then run again.")


def _same_place(source: str, target: str) -> bool:
    if is_database_url(source) or is_database_url(target):
        return source.strip() == target.strip()
    return Path(source).expanduser().resolve() == Path(target).expanduser().resolve()


def parser() -> argparse.ArgumentParser:
    """The command line's options, with their help in plain English."""
    made = argparse.ArgumentParser(
        prog="python -m planner.transfer",
        description=(
            "Copy everything KIM Pathways has saved (every profile and record, the shared records, "
            "the settings and any imported curriculum or mapping) from one store to another: a TinyDB "
            "data folder or a PostgreSQL database. Nothing in the source is changed. Running it again "
            "copies only what is new or changed; a record that must never be overwritten (such as an "
            "assessment) that differs in the target stops the copy before anything is written. "
            "Afterwards every record is compared."
        ),
        epilog=(
            "A database is named by its address, such as postgresql://kim@db.example:5432/kim (a "
            "password is better kept in ~/.pgpass or PGPASSWORD than in the address; it is never "
            "printed). Exit code 0: everything the source can read is in the target; 1: it could not "
            "be done, or the check found a difference."
        ),
    )
    made.add_argument("--from", dest="source", required=True, metavar="FOLDER_OR_URL",
                      help="where to copy from: a data folder, or a postgresql:// address")
    made.add_argument("--to", dest="target", required=True, metavar="FOLDER_OR_URL",
                      help="where to copy to: a data folder (made if missing), or a postgresql:// address")
    mode = made.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true",
                      help="only count what would be copied (new, replaced, already there); write nothing")
    mode.add_argument("--check-only", action="store_true",
                      help="only compare every record of the source with the target; copy nothing")
    return made


def main(argv: Sequence[str] | None = None, say: Say = print) -> int:
    """Run the command; the exit code (0: done, 1: not done, with a message on standard error)."""
    args = parser().parse_args(argv)
    secrets = [*secrets_of(args.source), *secrets_of(args.target)]
    try:
        return run(args, lambda line: say(_redacted(line, secrets)))
    except (CommandError, StoreError) as exc:  # the database's errors too: the store words them plainly
        print(_redacted(str(exc), secrets), file=sys.stderr)
        return 1


def _redacted(text: str, secrets: Sequence[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


if __name__ == "__main__":
    sys.exit(main())
