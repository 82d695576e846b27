"""A data set the app ships a sample of and a lead may replace by importing their own, written once.

The curriculum and the professional bodies' mapping are each such a set: the shipped file in
data/ is used until a lead imports a replacement, which is kept in the user's data folder under
the same file name until they go back to the shipped one. An imported file that has broken is
never silently ignored, so nobody loses an import without being told.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from planner.domain import curriculum, external
from planner.domain.curriculum import Curriculum
from planner.domain.external import ExternalFrameworks
from planner.domain.models import Framework
from planner.errors import StoreError
from planner.io.shipped import CURRICULUM_FILE, DATA_DIR, MAPPING_FILE, load_checked, load_framework
from planner.store.files import write_json

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class DataSet(Generic[M]):
    """The shipped sample of a data set, or the replacement a lead imported.

    Attributes:
        file: the file's name, the same in data/ and in the user's data folder.
        model: the model the whole file must match.
        check: the domain's check of the model against the framework.
        imported_label: how messages name an imported file, after its path, such as
            "the imported curriculum".
    """

    file: str
    model: type[M]
    check: Callable[[M, Framework, str], M]
    imported_label: str

    def path(self, user_data_dir: Path) -> Path:
        """Where an imported replacement is kept."""
        return user_data_dir / self.file

    def shipped(self, data_dir: Path = DATA_DIR) -> M:
        """The sample shipped in data/, checked against the framework.

        Raises:
            DataFileError: the file is missing or broken; the message names the record and field.
        """
        return load_checked(data_dir / self.file, self.model, self.check, load_framework(data_dir))

    def active(self, user_data_dir: Path, data_dir: Path = DATA_DIR) -> M:
        """The imported replacement if one is kept in the user's data folder, else the shipped sample.

        Args:
            user_data_dir: the folder where save keeps an imported replacement.
            data_dir: the folder of the shipped data (the framework and the sample).

        Raises:
            DataFileError: the imported (or shipped) file is broken; an imported file is never
                silently ignored, so that nobody loses an import without being told.
        """
        path = self.path(user_data_dir)
        if not path.is_file():
            return self.shipped(data_dir)
        return load_checked(path, self.model, self.check, load_framework(data_dir),
                            label=f"{path} ({self.imported_label})")

    def is_imported(self, user_data_dir: Path) -> bool:
        """Whether an imported replacement is kept in the user's data folder."""
        return self.path(user_data_dir).is_file()

    def save(self, value: M, user_data_dir: Path) -> None:
        """Keep an imported replacement in a folder, replacing the file atomically.

        Args:
            value: the replacement, already checked (by its import, such as curriculum_io.read_curriculum).
            user_data_dir: the folder to keep it in, normally the user's data folder, not data/.

        Raises:
            StoreError: the folder or file could not be written; any earlier file is unchanged.
        """
        try:
            user_data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Could not create the folder {user_data_dir}: {exc.strerror or exc}.") from exc
        write_json(self.path(user_data_dir), value.model_dump(mode="json"))

    def remove(self, user_data_dir: Path) -> bool:
        """Go back to the shipped sample by deleting the imported replacement.

        Returns:
            True if there was an imported replacement to delete.

        Raises:
            StoreError: the file exists but could not be deleted.
        """
        path = self.path(user_data_dir)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise StoreError(f"Could not delete {path}: {exc.strerror or exc}.") from exc
        return True


CURRICULUM: DataSet[Curriculum] = DataSet(
    CURRICULUM_FILE, Curriculum, curriculum.checked_against, "the imported curriculum"
)
"""The learning and development activities the app recommends from."""

MAPPING: DataSet[ExternalFrameworks] = DataSet(
    MAPPING_FILE, ExternalFrameworks, external.checked_against, "the imported mapping"
)
"""The KIM framework mapped to the professional bodies' frameworks."""


def load_curriculum(data_dir: Path = DATA_DIR) -> Curriculum:
    """The sample curriculum shipped in data/, checked against the framework (CURRICULUM.shipped)."""
    return CURRICULUM.shipped(data_dir)


def load_mapping(data_dir: Path = DATA_DIR) -> ExternalFrameworks:
    """The professional bodies' mapping shipped in data/, checked against the framework (MAPPING.shipped)."""
    return MAPPING.shipped(data_dir)
