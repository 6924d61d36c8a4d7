"""softlanding: a calm terminal companion for partners mid-argument."""

__version__ = "0.1.0"
