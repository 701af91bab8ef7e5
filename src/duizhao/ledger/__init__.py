"""The rectification ledger (整改台账) drafted from materials: one row per problem item, the
measures matched to it, the owner from the title and the deadline from the measure."""

from duizhao.ledger.draft import DraftOptions, Ledger, Material, draft_paths, draft_text
from duizhao.ledger.formats import FORMATS, render
from duizhao.ledger.rows import COLUMNS, STATUSES, LedgerRow

__all__ = ["COLUMNS", "FORMATS", "STATUSES", "DraftOptions", "Ledger", "LedgerRow", "Material",
           "draft_paths", "draft_text", "render"]
