"""Models of the outreach app: letters (``.letters``) and reaching people (``.reach``)."""

from wijkpunt.outreach.models.letters import LetterBatch, LetterBatchStatus
from wijkpunt.outreach.models.reach import (
    Channel,
    Delivery,
    DeliveryState,
    Message,
    MessageRead,
)

__all__ = [
    "Channel",
    "Delivery",
    "DeliveryState",
    "LetterBatch",
    "LetterBatchStatus",
    "Message",
    "MessageRead",
]
