"""Placeholder for the analyzer's section of the pack (replaced by the analyzer work)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class AnalysisSection(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    source: str
