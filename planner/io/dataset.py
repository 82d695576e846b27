"""A data set the app ships a sample of and a lead may replace by importing their own.

The curriculum, the professional bodies' mapping and the roles are each such a set: the shipped file in
data/ is used until a lead imports a replacement, which the store keeps (TinyDB: a file of the
same name in the data folder; PostgreSQL: a row of its data sets table) until they go back to the
shipped one. An imported set that has broken is never silently ignored, so nobody loses an
import without being told.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from pydantic import BaseModel

from planner.domain import curriculum, external, roles
from planner.domain.curriculum import Curriculum
from planner.domain.external import ExternalFrameworks
from planner.domain.models import Framework
from planner.domain.roles import Roles
from planner.errors import DataFileError, UnknownFramework, UnreadableDataSet
from planner.io import packs
from planner.io.shipped import (
    CURRICULUM_FILE,
    DATA_DIR,
    MAPPING_FILE,
    ROLES_FILE,
    load_checked,
    load_framework,
    load_grades,
    model_from_document,
)

if TYPE_CHECKING:
    from planner.store.repository import Repository

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class DataSet(Generic[M]):
    """The shipped sample of a data set, or the replacement a lead imported.

    Attributes:
        file: the file's name in data/, which is also the name the store keeps a replacement under.
        model: the model the whole file must match.
        check: the domain's check of the model against the framework.
        imported_label: how messages name an imported set, such as "the imported curriculum".
    """

    file: str
    model: type[M]
    check: Callable[[M, Framework, str], M]
    imported_label: str

    def shipped(self, data_dir: Path = DATA_DIR) -> M:
        """The sample shipped in data/, checked against the framework.

        Raises:
            DataFileError: the file is missing or broken; the message names the record and field.
        """
        return load_checked(data_dir / self.file, self.model, self.check, load_framework(data_dir))

    def active(self, repo: Repository, data_dir: Path = DATA_DIR) -> M:
        """The imported replacement if the store keeps one, else the shipped sample.

        Args:
            repo: the store that keeps an imported replacement.
            data_dir: the folder of the shipped data (the framework and the sample).

        Raises:
            DataFileError: the imported (or shipped) set is broken; an imported set is never
                silently ignored, so that nobody loses an import without being told.
            StoreError: the store could not be read.
        """
        label = f"{self.file} ({self.imported_label})"
        try:
            document = repo.get_data_set(self.file)
        except UnreadableDataSet as exc:
            raise DataFileError(label, [exc.reason]) from None
        if document is None:
            return self.shipped(data_dir)
        value = model_from_document(document, self.model, label)
        # Checked against the version it refers to: a set made for an earlier version stays readable
        # after a revision is installed, and its retired indicators are flagged for the lead (versions).
        try:
            fw = packs.pack_for(repo, value.framework_version, data_dir)  # type: ignore[attr-defined]
        except UnknownFramework as exc:
            raise DataFileError(label, [str(exc)]) from None
        return self.check(value, fw, label)

    def is_imported(self, repo: Repository) -> bool:
        """Whether the store keeps an imported replacement."""
        return repo.data_set_mark(self.file) is not None

    def mark(self, repo: Repository) -> Hashable | None:
        """Different after every import or removal, by any process; None while the shipped sample is used."""
        return repo.data_set_mark(self.file)

    def save(self, value: M, repo: Repository) -> None:
        """Keep an imported replacement, replacing any earlier one whole.

        Args:
            value: the replacement, already checked (by its import, such as curriculum_io.read_curriculum).
            repo: the store to keep it in.

        Raises:
            StoreError: it could not be written; any earlier replacement is unchanged.
        """
        repo.put_data_set(self.file, value.model_dump(mode="json"))

    def remove(self, repo: Repository) -> bool:
        """Go back to the shipped sample by removing the imported replacement.

        Returns:
            True if there was an imported replacement to remove.

        Raises:
            StoreError: it could not be removed.
        """
        return repo.remove_data_set(self.file)


CURRICULUM: DataSet[Curriculum] = DataSet(
    CURRICULUM_FILE, Curriculum, curriculum.checked_against, "the imported curriculum"
)
"""The learning and development activities the app recommends from."""

MAPPING: DataSet[ExternalFrameworks] = DataSet(
    MAPPING_FILE, ExternalFrameworks, external.checked_against, "the imported mapping"
)
"""The KIM framework mapped to the professional bodies' frameworks."""



def _roles_checked(value: Roles, fw: Framework, file: str) -> Roles:
    # Roles name grades as well as the framework's skills and indicators; the ladder is the shipped one.
    return roles.checked_against(value, fw, load_grades(), file)


ROLES: DataSet[Roles] = DataSet(ROLES_FILE, Roles, _roles_checked, "the imported roles")
"""The roles, what each asks at each grade and the moves between them, written for one framework."""


def load_curriculum(data_dir: Path = DATA_DIR) -> Curriculum:
    """The sample curriculum shipped in data/, checked against the framework (CURRICULUM.shipped)."""
    return CURRICULUM.shipped(data_dir)


def load_mapping(data_dir: Path = DATA_DIR) -> ExternalFrameworks:
    """The professional bodies' mapping shipped in data/, checked against the framework (MAPPING.shipped)."""
    return MAPPING.shipped(data_dir)
