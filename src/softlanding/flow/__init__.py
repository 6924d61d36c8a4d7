"""Pure flow logic: the steps of solo and together sessions, break times."""
