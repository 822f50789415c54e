"""Storage: subscriptions, the delivery ledger, the posted history and the metadata cache
(SQLAlchemy 2, async)."""

from bot.store.records import CachedWork, DeliveryRecord, Subscription
from bot.store.store import Store

__all__ = ["CachedWork", "DeliveryRecord", "Store", "Subscription"]
