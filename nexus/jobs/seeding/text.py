"""Job and company texts composed from templates: cheap enough for millions of rows, varied enough to read."""

import random
from collections.abc import Iterable, Sequence
from typing import TypeVar

from nexus.jobs.choices import EmploymentType, ExperienceLevel

from . import vocabulary

T = TypeVar("T")


class Shuffles:
    """A few fixed orders of some items: `draw(rng, k)` gives k distinct ones for the price of one choice."""

    def __init__(self, items: Sequence[T], *, orders: int = 32, seed: int = 0) -> None:
        shuffler = random.Random(seed)  # noqa: S311 - varied text, not secrets
        self.orders = []
        for _ in range(orders):
            order = list(items)
            shuffler.shuffle(order)
            self.orders.append(tuple(order))

    def draw(self, rng: random.Random, k: int) -> tuple[T, ...]:
        return rng.choice(self.orders)[:k]


EXTRA_REQUIREMENTS = Shuffles(vocabulary.REQUIREMENT_TEMPLATES[2:])
RESPONSIBILITIES = Shuffles(vocabulary.RESPONSIBILITY_TEMPLATES)
BENEFITS = Shuffles(vocabulary.BENEFITS)


def with_article(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def job_title(rng: random.Random, *, roles: Sequence[str], area: str, level: str, employment_type: str) -> str:
    role = rng.choice(roles)
    if employment_type == EmploymentType.INTERNSHIP:
        return f"{role} Intern"
    if level == ExperienceLevel.EXECUTIVE:
        return rng.choice(vocabulary.EXECUTIVE_TITLES).format(area=area)
    return f"{rng.choice(vocabulary.LEVEL_TITLE_PREFIXES[level])}{role}"


def job_description(
    rng: random.Random,
    *,
    company: str,
    industry: str,
    size: str,
    founded: int,
    title: str,
    area: str,
    city: str,
    place: str,
    remote_type: str,
    skills: Sequence[str],
) -> str:
    """Four paragraphs: the opening, the company, the role and where it is done, a closing line."""
    values = {
        "company": company,
        "title": title,
        "a_title": with_article(title),
        "area": area.lower(),
        "city": city,
        "place": place,
        "industry": industry.lower(),
        "size": vocabulary.COMPANY_SIZE_PHRASES[size],
        "founded": founded,
        "skill_a": skills[0],
        "skill_b": skills[-1],
    }
    role = rng.choice(vocabulary.ROLE_TEMPLATES).format(**values)
    workplace = rng.choice(vocabulary.WORKPLACE_TEMPLATES[remote_type]).format(**values)
    return "\n\n".join(
        (
            rng.choice(vocabulary.INTRO_TEMPLATES).format(**values),
            rng.choice(vocabulary.ABOUT_TEMPLATES).format(**values),
            f"{role} {workplace}",
            rng.choice(vocabulary.CLOSING_TEMPLATES).format(**values),
        )
    )


def job_requirements(rng: random.Random, *, area: str, level: str, skills: Sequence[str]) -> str:
    low, high = vocabulary.YEARS_BY_LEVEL[level]
    years = rng.randint(low, high)
    templates = vocabulary.REQUIREMENT_TEMPLATES
    lines = [
        f"{years}+ years of experience in {area.lower()}" if years else f"A genuine interest in {area.lower()}",
        vocabulary.EDUCATION_BY_LEVEL[level],
        templates[0].format(skill=skills[0]),
        templates[1].format(skill=skills[-1]),
        *EXTRA_REQUIREMENTS.draw(rng, 2),
    ]
    return bullets(lines)


def job_responsibilities(rng: random.Random, *, area: str, skills: Sequence[str]) -> str:
    templates = RESPONSIBILITIES.draw(rng, 4)
    return bullets(template.format(area=area.lower(), skill=skills[0]) for template in templates)


def job_benefits(rng: random.Random) -> str:
    return bullets(BENEFITS.draw(rng, rng.randint(3, 5)))


def bullets(lines: Iterable[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def company_name(rng: random.Random, industry: str) -> str:
    nouns = vocabulary.INDUSTRY_NOUNS.get(industry, ("Group", "Holdings", "Partners"))
    return f"{rng.choice(vocabulary.COMPANY_PREFIXES)} {rng.choice(nouns)}{rng.choice(vocabulary.COMPANY_SUFFIXES)}"


def company_description(
    rng: random.Random, *, name: str, size: str, industry: str, city: str, country: str, founded: int
) -> str:
    return rng.choice(vocabulary.COMPANY_DESCRIPTION_TEMPLATES).format(
        name=name,
        size=vocabulary.COMPANY_SIZE_PHRASES[size],
        industry=industry.lower(),
        city=city,
        country=country,
        founded=founded,
    )
