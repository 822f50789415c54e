"""The weekly schedule: cron jobs per subscription, delivery under the ledger, pacing."""
