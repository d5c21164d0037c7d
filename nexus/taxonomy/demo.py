"""A small, realistic taxonomy for demo installations.

The lists are module constants so that the bulk seed command can file its generated
jobs and profiles under the same categories, industries and skills.
"""

from django.db import transaction

from .models import Category, Industry
from .selectors import skill_resolve
from .services import category_create, industry_create, skill_create

# (root, [subcategories])
CATEGORY_TREE: list[tuple[str, list[str]]] = [
    (
        "Software Engineering",
        ["Backend Development", "Frontend Development", "Mobile Development", "DevOps & Cloud", "QA & Testing"],
    ),
    ("Data & AI", ["Data Science", "Data Engineering", "Machine Learning Engineering"]),
    ("Design", ["UX & Product Design", "Graphic Design"]),
    ("Product Management", []),
    ("Marketing", ["Digital Marketing", "Content & Copywriting"]),
    ("Sales", ["Account Management", "Business Development"]),
    ("Finance & Accounting", []),
    ("Healthcare", ["Nursing", "Pharmacy"]),
    ("Customer Support", []),
    ("Human Resources", []),
]

INDUSTRIES: list[str] = [
    "Information Technology",
    "Financial Services",
    "Banking",
    "Healthcare",
    "Education",
    "E-commerce & Retail",
    "Telecommunications",
    "Manufacturing",
    "Logistics & Transportation",
    "Media & Entertainment",
    "Government & Public Sector",
    "Non-profit",
    "Agriculture",
    "Energy",
]

# (name, [aliases])
SKILLS: list[tuple[str, list[str]]] = [
    # languages
    ("Python", ["py", "python3"]),
    ("JavaScript", ["js", "ecmascript"]),
    ("TypeScript", ["ts"]),
    ("Java", []),
    ("Go", ["golang"]),
    ("Rust", []),
    ("C#", ["csharp", "c sharp"]),
    ("C++", ["cpp"]),
    ("PHP", []),
    ("Ruby", []),
    ("Kotlin", []),
    ("Swift", []),
    ("SQL", []),
    # back end and data stores
    ("Django", []),
    ("Flask", []),
    ("FastAPI", []),
    ("Node.js", ["node", "nodejs", "node js"]),
    ("Express", ["express.js", "expressjs"]),
    ("Spring Boot", ["spring"]),
    ("Ruby on Rails", ["rails", "ror"]),
    ("REST APIs", ["rest api", "restful api", "restful apis"]),  # not `rest`, an English word ("the rest of")
    ("GraphQL", ["gql"]),
    ("PostgreSQL", ["postgres", "psql", "pg"]),
    ("MySQL", []),
    ("MongoDB", ["mongo"]),
    ("Redis", []),
    ("Elasticsearch", ["elastic"]),
    # front end and mobile
    ("React", ["react.js", "reactjs"]),
    ("Vue.js", ["vue", "vuejs"]),
    ("Angular", ["angularjs"]),
    ("Next.js", ["nextjs"]),
    ("HTML", ["html5"]),
    ("CSS", ["css3"]),
    ("Tailwind CSS", ["tailwind"]),
    ("React Native", ["react-native"]),
    ("Flutter", []),
    ("Android", []),
    ("iOS", []),
    # infrastructure
    ("Docker", []),
    ("Kubernetes", ["k8s"]),
    ("Terraform", []),
    ("Amazon Web Services", ["aws"]),
    ("Google Cloud", ["gcp", "google cloud platform"]),
    ("Microsoft Azure", ["azure"]),
    ("Linux", []),
    ("Git", []),
    ("CI/CD", ["continuous integration"]),
    # data and AI
    ("Machine Learning", ["ml"]),
    ("Deep Learning", ["dl"]),
    ("Natural Language Processing", ["nlp"]),
    ("TensorFlow", ["tf"]),
    ("PyTorch", ["torch"]),
    ("Pandas", []),
    ("Apache Spark", ["spark", "pyspark"]),
    ("Data Analysis", ["data analytics"]),
    ("Power BI", ["powerbi"]),
    ("Tableau", []),
    ("Excel", ["microsoft excel", "ms excel"]),
    # design, product, business
    ("Figma", []),
    ("UI Design", []),
    ("UX Research", ["user research"]),
    ("Project Management", []),
    ("Agile", ["scrum", "agile methodologies"]),
    ("SEO", ["search engine optimization"]),
    ("Google Ads", ["adwords"]),
    ("Copywriting", ["content writing"]),
    ("Salesforce", ["sfdc"]),
    ("Accounting", ["bookkeeping"]),
    ("Financial Analysis", []),
    ("Customer Service", ["customer support"]),
    ("Patient Care", []),
]


@transaction.atomic
def demo_taxonomy_create() -> dict[str, int]:
    """Adds whatever of the demo taxonomy is missing (matching names in any case); returns what it added."""
    added = {"categories": 0, "industries": 0, "skills": 0}
    for root_name, child_names in CATEGORY_TREE:
        root = Category.objects.filter(parent=None, name__iexact=root_name).first()
        if root is None:
            root = category_create(name=root_name)
            added["categories"] += 1
        for child_name in child_names:
            if not Category.objects.filter(parent=root, name__iexact=child_name).exists():
                category_create(name=child_name, parent=root)
                added["categories"] += 1
    for industry_name in INDUSTRIES:
        if not Industry.objects.filter(name__iexact=industry_name).exists():
            industry_create(name=industry_name)
            added["industries"] += 1
    for skill_name, aliases in SKILLS:
        if skill_resolve(name=skill_name) is None:
            skill_create(name=skill_name, aliases=[alias for alias in aliases if skill_resolve(name=alias) is None])
            added["skills"] += 1
    return added
