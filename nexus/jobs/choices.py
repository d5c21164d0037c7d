"""Job vocabularies shared by jobs, seeker preferences, search and alerts."""

from django.db import models


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", "Full time"
    PART_TIME = "part_time", "Part time"
    CONTRACT = "contract", "Contract"
    TEMPORARY = "temporary", "Temporary"
    INTERNSHIP = "internship", "Internship"
    FREELANCE = "freelance", "Freelance"


class RemoteType(models.TextChoices):
    ONSITE = "onsite", "On site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote"


class ExperienceLevel(models.TextChoices):
    ENTRY = "entry", "Entry"
    MID = "mid", "Mid"
    SENIOR = "senior", "Senior"
    LEAD = "lead", "Lead"
    EXECUTIVE = "executive", "Executive"


class SalaryPeriod(models.TextChoices):
    HOUR = "hour", "Per hour"
    DAY = "day", "Per day"
    WEEK = "week", "Per week"
    MONTH = "month", "Per month"
    YEAR = "year", "Per year"


class JobStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"
    ARCHIVED = "archived", "Archived"


class SkillRequirement(models.TextChoices):
    REQUIRED = "required", "Required"
    NICE_TO_HAVE = "nice_to_have", "Nice to have"
