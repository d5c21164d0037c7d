from django.db import models


class ModerationStatus(models.TextChoices):
    """Whether admins let a company or job be seen: held ones wait for a decision."""

    APPROVED = "approved", "Approved"
    PENDING = "pending", "Held for review"
    REJECTED = "rejected", "Rejected"
