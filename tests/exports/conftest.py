"""Fixtures for the PDF export tests: real sample files, and one conversion cache for the module
(LibreOffice takes seconds to start; what one test converted, the next finds cached)."""
import pytest

from tests.samples import samples  # noqa: F401


@pytest.fixture(scope="module")
def pdf_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("pdf-cache")


@pytest.fixture
def shared_cache(app, pdf_cache):
    app.config["PDF_CACHE_PATH"] = str(pdf_cache)
    return pdf_cache
