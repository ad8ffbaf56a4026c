"""The package version: the single source read by setuptools (pyproject.toml) and agstats.__version__."""

__version__ = "0.3.0"
