"""Storage: subscriptions, the delivery ledger and the posted history (SQLAlchemy 2, async)."""

from bot.store.records import DeliveryRecord, Subscription
from bot.store.store import Store

__all__ = ["DeliveryRecord", "Store", "Subscription"]
