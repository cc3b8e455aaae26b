"""Models of the outreach app: letters (another module) and reaching people (``.reach``)."""

from wijkpunt.outreach.models.reach import (
    Channel,
    Delivery,
    DeliveryState,
    Message,
    MessageRead,
)

__all__ = ["Channel", "Delivery", "DeliveryState", "Message", "MessageRead"]
