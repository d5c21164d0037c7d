"""Vocabulary of the scale seed (`manage.py seed_jobs`): what jobs look like, names and text pieces.

Static data only; the other modules of this package compose it. The taxonomy is the shared
demo taxonomy (`nexus.taxonomy.demo`) plus the EXTRA_* categories, industries and skills a
board of a million jobs needs; JOB_PROFILES says what the jobs of each category look like.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class JobProfile:
    """What jobs in one category look like."""

    roles: tuple[str, ...]
    skills: tuple[str, ...]  # skill names or aliases; the taxonomy resolves them
    pay: float = 1.0  # pay of the field relative to the typical pay
    remote_friendly: bool = False


def profile(roles: str, skills: str, *, pay: float = 1.0, remote: bool = False) -> JobProfile:
    """A job profile; roles and skills are `;`-separated."""
    return JobProfile(
        roles=tuple(role.strip() for role in roles.split(";")),
        skills=tuple(skill.strip() for skill in skills.split(";")),
        pay=pay,
        remote_friendly=remote,
    )


def generic_profile(category: str) -> JobProfile:
    """For a category the seed has no profile of (one an admin or the demo added later)."""
    return JobProfile(
        roles=(f"{category} Specialist", f"{category} Officer", f"{category} Coordinator", f"{category} Manager"),
        skills=GENERAL_SKILLS,
    )


# Added to the demo category tree: (root, [children]); a root that exists gets the children added.
EXTRA_CATEGORY_TREE: list[tuple[str, list[str]]] = [
    ("Software Engineering", ["Information Security"]),
    ("Data & AI", ["Business Intelligence"]),
    ("Healthcare", ["Medicine"]),
    ("Project Management", []),
    ("Operations & Administration", ["Administration", "Operations"]),
    ("Education & Training", ["Teaching", "Training & Coaching"]),
    ("Engineering", ["Civil Engineering", "Mechanical Engineering", "Electrical Engineering"]),
    ("Logistics & Supply Chain", []),
    ("Hospitality & Tourism", []),
    ("Construction & Trades", []),
    ("Manufacturing & Production", []),
    ("Legal", []),
    ("Development & NGO", ["Program Management", "Monitoring & Evaluation"]),
    ("Agriculture", []),
]

EXTRA_INDUSTRIES: list[str] = [
    "Software",
    "Insurance",
    "Pharmaceuticals",
    "Construction",
    "Real Estate",
    "Hospitality",
    "Travel & Tourism",
    "Consulting",
    "Legal Services",
    "Automotive",
    "Food & Beverage",
    "Aviation",
    "Mining",
]

# Aliases of skills the seed adds beyond the demo taxonomy.
EXTRA_SKILL_ALIASES: dict[str, list[str]] = {
    ".NET": ["dotnet", "dot net"],
    "Microsoft Office": ["ms office"],
    "Monitoring and Evaluation": ["m&e"],
    "CRM": ["customer relationship management"],
    "Scikit-learn": ["sklearn"],
    "Penetration Testing": ["pentesting", "pen testing"],
    "Quality Control": ["qc"],
}

GENERAL_SKILLS: tuple[str, ...] = (
    "Communication",
    "Teamwork",
    "Leadership",
    "Problem Solving",
    "Time Management",
    "English",
    "Amharic",
    "Swahili",
    "French",
    "Microsoft Office",
)

JOB_PROFILES: dict[str, JobProfile] = {
    "Backend Development": profile(
        "Backend Engineer; Software Engineer; Python Developer; Java Developer; Go Developer; PHP Developer; "
        ".NET Developer; API Engineer; Platform Engineer",
        "Python; Django; Java; Spring Boot; Go; Node.js; PHP; C#; .NET; PostgreSQL; MySQL; Redis; REST APIs; "
        "GraphQL; Docker; FastAPI; Kafka",
        pay=1.3,
        remote=True,
    ),
    "Frontend Development": profile(
        "Frontend Engineer; Frontend Developer; React Developer; UI Engineer; Web Developer",
        "JavaScript; TypeScript; React; Vue.js; Angular; Next.js; HTML; CSS; Tailwind CSS; Redux; Jest",
        pay=1.2,
        remote=True,
    ),
    "Mobile Development": profile(
        "Mobile Developer; Android Developer; iOS Developer; Flutter Developer; React Native Developer",
        "Kotlin; Swift; Flutter; Dart; React Native; Android; iOS; Firebase; TypeScript; REST APIs",
        pay=1.25,
        remote=True,
    ),
    "DevOps & Cloud": profile(
        "DevOps Engineer; Site Reliability Engineer; Cloud Engineer; Infrastructure Engineer; Systems Administrator",
        "Amazon Web Services; Google Cloud; Microsoft Azure; Kubernetes; Docker; Terraform; Ansible; Linux; CI/CD; "
        "Prometheus; Bash; Nginx",
        pay=1.35,
        remote=True,
    ),
    "QA & Testing": profile(
        "QA Engineer; Test Automation Engineer; Software Tester; QA Analyst",
        "Selenium; Cypress; Playwright; Test Automation; Manual Testing; Python; Java; Jira; Postman",
        remote=True,
    ),
    "Information Security": profile(
        "Security Engineer; Security Analyst; Penetration Tester; SOC Analyst",
        "Network Security; Penetration Testing; SIEM; ISO 27001; Incident Response; Linux; Python; Cloud Security",
        pay=1.4,
        remote=True,
    ),
    "Data Engineering": profile(
        "Data Engineer; Analytics Engineer; Big Data Engineer; ETL Developer",
        "Python; SQL; Apache Spark; Airflow; dbt; Kafka; PostgreSQL; Snowflake; BigQuery; Scala; Data Modeling",
        pay=1.3,
        remote=True,
    ),
    "Data Science": profile(
        "Data Scientist; Research Scientist; Applied Scientist; Quantitative Analyst",
        "Python; Machine Learning; Statistics; SQL; Pandas; Scikit-learn; R; Data Analysis; Deep Learning",
        pay=1.35,
        remote=True,
    ),
    "Machine Learning Engineering": profile(
        "Machine Learning Engineer; AI Engineer; NLP Engineer; Computer Vision Engineer; MLOps Engineer",
        "Python; Machine Learning; Deep Learning; PyTorch; TensorFlow; Natural Language Processing; "
        "Computer Vision; Docker; Kubernetes",
        pay=1.45,
        remote=True,
    ),
    "Business Intelligence": profile(
        "Data Analyst; BI Analyst; Business Intelligence Developer; Reporting Analyst",
        "SQL; Power BI; Tableau; Excel; Python; Statistics; Data Visualization; Looker; Data Analysis",
        pay=1.05,
        remote=True,
    ),
    "UX & Product Design": profile(
        "Product Designer; UX Designer; UI Designer; UX Researcher; Interaction Designer",
        "Figma; UI Design; UX Research; Prototyping; Design Systems; Sketch; Usability Testing",
        pay=1.1,
        remote=True,
    ),
    "Graphic Design": profile(
        "Graphic Designer; Visual Designer; Motion Designer; Brand Designer; Illustrator",
        "Adobe Photoshop; Adobe Illustrator; Adobe InDesign; After Effects; Branding; Typography; Figma",
        pay=0.85,
        remote=True,
    ),
    "Product Management": profile(
        "Product Manager; Product Owner; Technical Product Manager; Growth Product Manager",
        "Product Strategy; Roadmapping; Agile; UX Research; Jira; SQL; Stakeholder Management; A/B Testing",
        pay=1.3,
        remote=True,
    ),
    "Project Management": profile(
        "Project Manager; Program Manager; Project Coordinator; Scrum Master; Delivery Manager",
        "Project Management; PMP; Agile; Risk Management; Budgeting; Microsoft Project; Stakeholder Management; Jira",
        pay=1.1,
    ),
    "Digital Marketing": profile(
        "Digital Marketing Specialist; Performance Marketing Manager; SEO Specialist; Social Media Manager; "
        "Growth Marketer; Marketing Manager",
        "SEO; Google Ads; Google Analytics; Social Media Marketing; Email Marketing; HubSpot; Content Marketing; "
        "Copywriting",
        pay=0.95,
        remote=True,
    ),
    "Content & Copywriting": profile(
        "Content Writer; Copywriter; Communications Officer; Public Relations Manager; Content Strategist; "
        "Technical Writer",
        "Copywriting; Content Marketing; Public Relations; Editing; Storytelling; WordPress; SEO",
        pay=0.85,
        remote=True,
    ),
    "Account Management": profile(
        "Account Executive; Key Account Manager; Sales Representative; Sales Manager; Inside Sales Representative; "
        "Account Manager",
        "B2B Sales; Negotiation; Salesforce; CRM; Lead Generation; Account Management; Sales Forecasting",
        pay=0.95,
    ),
    "Business Development": profile(
        "Business Development Manager; Partnerships Manager; Business Development Representative",
        "Business Development; Partnerships; Negotiation; Market Research; CRM; Presentation Skills",
        pay=1.05,
    ),
    "Finance & Accounting": profile(
        "Accountant; Management Accountant; Auditor; Financial Analyst; Credit Analyst; Finance Manager; Bookkeeper; "
        "Tax Accountant; Loan Officer",
        "Accounting; IFRS; QuickBooks; SAP; Excel; Auditing; Taxation; Financial Analysis; Financial Modeling; "
        "Risk Management",
        pay=1.05,
    ),
    "Nursing": profile(
        "Registered Nurse; Clinical Nurse; Midwife; Nurse Practitioner; ICU Nurse",
        "Patient Care; Clinical Assessment; Basic Life Support; Medication Administration; "
        "Electronic Health Records; Midwifery",
        pay=0.95,
    ),
    "Pharmacy": profile(
        "Pharmacist; Pharmacy Technician; Laboratory Technician; Medical Laboratory Scientist",
        "Pharmacology; Dispensing; Laboratory Testing; Quality Control; Good Manufacturing Practice; "
        "Inventory Management",
    ),
    "Medicine": profile(
        "General Practitioner; Medical Doctor; Physician; Surgeon; Pediatrician; Medical Officer",
        "Clinical Diagnosis; Patient Care; Surgery; Emergency Medicine; Electronic Health Records; Pediatrics",
        pay=1.6,
    ),
    "Customer Support": profile(
        "Customer Support Agent; Customer Success Manager; Call Center Agent; Technical Support Specialist; "
        "Client Service Officer",
        "Customer Service; Zendesk; Communication; Problem Solving; CRM; Technical Support; Conflict Resolution",
        pay=0.65,
        remote=True,
    ),
    "Human Resources": profile(
        "HR Officer; HR Manager; Recruiter; Talent Acquisition Specialist; HR Business Partner; Payroll Officer",
        "Recruiting; Talent Acquisition; Employee Relations; Payroll; HRIS; Labor Law; Onboarding; "
        "Performance Management",
        pay=0.9,
    ),
    "Administration": profile(
        "Administrative Assistant; Office Manager; Executive Assistant; Receptionist; Secretary; Data Entry Clerk",
        "Microsoft Office; Excel; Scheduling; Record Keeping; Communication; Data Entry",
        pay=0.65,
    ),
    "Operations": profile(
        "Operations Manager; Operations Analyst; Operations Coordinator; Facilities Manager",
        "Operations Management; Process Improvement; Lean; Budgeting; Vendor Management; Excel; Reporting",
        pay=0.95,
    ),
    "Teaching": profile(
        "Teacher; Mathematics Teacher; English Teacher; Science Teacher; Lecturer; Kindergarten Teacher",
        "Lesson Planning; Classroom Management; Curriculum Development; Mathematics; English; Physics",
        pay=0.75,
    ),
    "Training & Coaching": profile(
        "Trainer; Instructional Designer; Learning and Development Specialist; Coach",
        "Instructional Design; E-learning; Facilitation; Curriculum Development; Coaching; Moodle",
        pay=0.85,
        remote=True,
    ),
    "Civil Engineering": profile(
        "Civil Engineer; Structural Engineer; Site Engineer; Quantity Surveyor; Highway Engineer",
        "AutoCAD; Civil 3D; Structural Analysis; ETABS; SAP2000; Project Management; Surveying; "
        "Construction Management",
        pay=1.05,
    ),
    "Mechanical Engineering": profile(
        "Mechanical Engineer; Maintenance Engineer; HVAC Engineer; Design Engineer",
        "SolidWorks; AutoCAD; HVAC; Thermodynamics; Preventive Maintenance; MATLAB",
        pay=1.05,
    ),
    "Electrical Engineering": profile(
        "Electrical Engineer; Power Engineer; Electronics Engineer; Instrumentation Engineer",
        "Power Systems; PLC; AutoCAD; Electrical Installation; MATLAB; Embedded Systems; SCADA",
        pay=1.1,
    ),
    "Logistics & Supply Chain": profile(
        "Logistics Coordinator; Supply Chain Manager; Procurement Officer; Warehouse Manager; Fleet Manager; "
        "Purchaser; Driver",
        "Supply Chain Management; Procurement; Inventory Management; Logistics; SAP; Import and Export; "
        "Warehouse Management; Fleet Management",
        pay=0.8,
    ),
    "Hospitality & Tourism": profile(
        "Hotel Manager; Front Office Agent; Chef; Cook; Waiter; Housekeeping Supervisor; Tour Guide; Barista; "
        "Event Coordinator",
        "Customer Service; Food Safety; Hospitality Management; Reservations; Cooking; Event Planning",
        pay=0.6,
    ),
    "Construction & Trades": profile(
        "Construction Manager; Foreman; Electrician; Plumber; Carpenter; Mason; Welder",
        "Construction Management; Health and Safety; Blueprint Reading; Electrical Installation; Plumbing; "
        "Welding; Carpentry",
        pay=0.8,
    ),
    "Manufacturing & Production": profile(
        "Production Supervisor; Quality Control Inspector; Machine Operator; Plant Manager; Production Planner",
        "Quality Control; Lean Manufacturing; Six Sigma; Production Planning; Good Manufacturing Practice; "
        "Machine Operation; ISO 9001",
        pay=0.8,
    ),
    "Legal": profile(
        "Lawyer; Legal Counsel; Paralegal; Compliance Officer; Contract Manager",
        "Contract Law; Corporate Law; Legal Research; Compliance; Litigation; Contract Negotiation; Regulatory Affairs",
        pay=1.3,
    ),
    "Program Management": profile(
        "Program Officer; Project Officer; Program Manager; Field Coordinator; Country Director",
        "Program Management; Proposal Writing; Grant Management; Community Engagement; Budgeting; "
        "Stakeholder Management; Reporting",
        pay=1.1,
    ),
    "Monitoring & Evaluation": profile(
        "M&E Officer; Monitoring and Evaluation Specialist; MEAL Officer; Research Associate",
        "Monitoring and Evaluation; Data Analysis; Survey Design; SPSS; Stata; KoboToolbox; Report Writing",
        pay=1.05,
    ),
    "Agriculture": profile(
        "Agronomist; Farm Manager; Agricultural Extension Officer; Veterinarian; Agricultural Economist",
        "Agronomy; Crop Production; Irrigation; Animal Health; Agribusiness; Soil Science; Data Collection",
        pay=0.75,
    ),
}

INDUSTRY_NOUNS: dict[str, tuple[str, ...]] = {
    "Information Technology": ("Technologies", "Systems", "IT Solutions", "Networks", "Digital"),
    "Software": ("Software", "Labs", "Tech", "Apps", "Cloud"),
    "Financial Services": ("Capital", "Finance", "Payments", "Microfinance", "Investments"),
    "Banking": ("Bank", "Bancorp", "Savings Bank", "Trust"),
    "Insurance": ("Insurance", "Assurance", "Mutual"),
    "Healthcare": ("Health", "Medical Center", "Clinics", "Hospital", "Care"),
    "Pharmaceuticals": ("Pharma", "Pharmaceuticals", "Life Sciences", "Biotech"),
    "Education": ("Academy", "College", "School", "Learning", "Institute"),
    "Telecommunications": ("Telecom", "Mobile", "Communications", "Connect"),
    "E-commerce & Retail": ("Stores", "Supermarkets", "Trading", "Market", "Shop", "Commerce"),
    "Manufacturing": ("Industries", "Manufacturing", "Works", "Textiles", "Plastics"),
    "Construction": ("Construction", "Builders", "Engineering", "Contractors"),
    "Real Estate": ("Properties", "Realty", "Homes", "Estates"),
    "Hospitality": ("Hotels", "Resorts", "Hospitality", "Lodge"),
    "Travel & Tourism": ("Tours", "Travel", "Safaris", "Journeys"),
    "Logistics & Transportation": ("Logistics", "Freight", "Transport", "Shipping", "Express"),
    "Energy": ("Energy", "Power", "Solar", "Petroleum", "Renewables"),
    "Agriculture": ("Farms", "Agro", "Coffee", "Agribusiness", "Seeds"),
    "Media & Entertainment": ("Media", "Studios", "Broadcasting", "Entertainment", "Films"),
    "Non-profit": ("Foundation", "Initiative", "Relief", "Development Organization", "Trust"),
    "Government & Public Sector": ("Authority", "Agency", "Bureau", "Commission"),
    "Consulting": ("Consulting", "Advisory", "Partners", "Associates"),
    "Legal Services": ("Law", "Legal", "Advocates", "Chambers"),
    "Automotive": ("Motors", "Automotive", "Auto", "Mobility"),
    "Food & Beverage": ("Foods", "Beverages", "Brewery", "Bakery", "Dairy"),
    "Aviation": ("Airlines", "Aviation", "Air", "Aerospace"),
    "Mining": ("Mining", "Minerals", "Resources", "Gold"),
}

COMPANY_PREFIXES: tuple[str, ...] = (
    "Abay", "Acacia", "Addis", "Atlas", "Aurora", "Awash", "Axum", "Baobab", "Beacon", "Blue Nile", "Blue Harbor",
    "Bright", "Cedar", "Cobalt", "Crescent", "Dashen", "Ember", "Entoto", "Equator", "Falcon", "Gihon", "Granite",
    "Harbor", "Highland", "Horizon", "Hudson", "Juniper", "Kestrel", "Keystone", "Kilima", "Lakeside", "Lalibela",
    "Lattice", "Lumen", "Maple", "Meridian", "Mosaic", "Nimbus", "Northwind", "Oasis", "Onyx", "Orbit", "Pioneer",
    "Prism", "Quantum", "Redwood", "Rift Valley", "Riverbend", "Sable", "Safari", "Savanna", "Sheba", "Sierra",
    "Silverline", "Simien", "Summit", "Sunrise", "Tana", "Tidal", "Unity", "Vantage", "Vertex", "Willow", "Zenith",
    "Zephyr", "Ganges", "Lotus", "Indigo", "Saffron", "Kora", "Tembo", "Jambo", "Nyota", "Maisha", "Amani",
    "Greenfield", "Evergreen", "Silver Oak", "Blackstone", "Clearwater", "Goldcrest", "Ironwood", "Starling",
)  # fmt: skip

COMPANY_SUFFIXES: tuple[str, ...] = ("", "", "", "", "", " Group", " PLC", " Ltd", " Inc.", " & Co.", " International")

FIRST_NAMES: tuple[str, ...] = (
    "Abebe", "Almaz", "Dawit", "Hana", "Meron", "Selam", "Yonas", "Tigist", "Bereket", "Liya", "Samuel", "Ruth",
    "Kalkidan", "Biniam", "Mekdes", "Wanjiru", "Kamau", "Achieng", "Otieno", "Njeri", "Mwangi", "Amina", "Chinedu",
    "Ngozi", "Emeka", "Aisha", "Kwame", "Ama", "Thabo", "Lerato", "Priya", "Arjun", "Ananya", "Rahul", "Deepika",
    "Vikram", "Mei", "Wei", "Hiroshi", "Yuki", "Olivia", "Liam", "Emma", "Noah", "Sophia", "James", "Mia", "Lucas",
    "Isabella", "Mateo", "Camila", "Sofia", "Lukas", "Hannah", "Jonas", "Lea", "Chloe", "Louis", "Fatima", "Omar",
    "Yusuf", "Layla", "Daniel", "Sarah", "David", "Grace", "Michael", "Elena", "Marco", "Giulia",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Bekele", "Tesfaye", "Haile", "Girma", "Alemu", "Mengistu", "Tadesse", "Kebede", "Wolde", "Getachew", "Assefa",
    "Desta", "Mulugeta", "Abera", "Kiprop", "Kamau", "Odhiambo", "Mwangi", "Wanjiku", "Okafor", "Adeyemi", "Nwosu",
    "Mensah", "Boateng", "Nkosi", "Dlamini", "Sharma", "Patel", "Gupta", "Iyer", "Reddy", "Khan", "Chen", "Wang",
    "Li", "Tanaka", "Sato", "Smith", "Johnson", "Brown", "Williams", "Garcia", "Martinez", "Rodriguez", "Silva",
    "Santos", "Muller", "Schmidt", "Schneider", "Dubois", "Martin", "Rossi", "Russo", "Novak", "Kowalski",
    "Hassan", "Ali", "Ibrahim", "Cohen", "Anderson", "Taylor", "Thomas", "Moore", "Lee", "Nguyen", "Kim",
)  # fmt: skip

# How strongly the seed's job board is present in a country, on top of city population.
MARKET_WEIGHT: dict[str, float] = {
    "ET": 12.0, "KE": 5.0, "NG": 1.5, "GH": 2.0, "UG": 2.0, "TZ": 2.0, "RW": 3.0, "ZA": 2.0, "EG": 1.0,
    "US": 2.5, "CA": 3.0, "GB": 3.0, "IE": 3.0, "DE": 2.0, "FR": 1.5, "NL": 3.0, "ES": 1.2, "IT": 1.0, "SE": 2.0,
    "PL": 1.2, "AE": 3.0, "IN": 0.5, "SG": 3.0, "AU": 2.0, "CN": 0.08, "JP": 0.3, "RU": 0.2, "BR": 0.4,
    "ID": 0.3, "PK": 0.3, "BD": 0.3, "PH": 0.4, "VN": 0.3, "MX": 0.5,
}  # fmt: skip

# A typical yearly pay of a mid-level job, in each currency the seed posts salaries in.
TYPICAL_YEARLY_PAY: dict[str, int] = {
    "USD": 75_000, "EUR": 50_000, "GBP": 42_000, "CAD": 72_000, "AUD": 85_000, "CHF": 95_000, "SEK": 520_000,
    "NOK": 600_000, "DKK": 480_000, "PLN": 110_000, "JPY": 5_500_000, "CNY": 180_000, "INR": 900_000,
    "SGD": 70_000, "AED": 180_000, "BRL": 80_000, "MXN": 250_000, "ZAR": 350_000, "NGN": 4_500_000,
    "KES": 1_200_000, "ETB": 240_000, "EGP": 180_000, "GHS": 60_000,
}  # fmt: skip

# Pay in USD where a country's currency is not one of the above, relative to the US.
CONTINENT_PAY: dict[str, float] = {"NA": 0.9, "EU": 0.6, "OC": 0.8, "AS": 0.3, "SA": 0.3, "AF": 0.2, "AN": 0.5}

LEVEL_PAY: dict[str, float] = {"entry": 0.6, "mid": 1.0, "senior": 1.4, "lead": 1.75, "executive": 2.5}

LEVEL_TITLE_PREFIXES: dict[str, tuple[str, ...]] = {
    "entry": ("Junior ", "Junior ", "Graduate ", "Associate ", ""),
    "mid": ("", "", "", "Intermediate "),
    "senior": ("Senior ", "Senior ", "Senior ", "Experienced "),
    "lead": ("Lead ", "Lead ", "Principal ", "Staff "),
}

EXECUTIVE_TITLES: tuple[str, ...] = ("Head of {area}", "Director of {area}", "VP of {area}", "{area} Director")

COMPANY_SIZE_PHRASES: dict[str, str] = {
    "1-10": "small",
    "11-50": "fast-growing",
    "51-200": "growing",
    "201-1000": "well-established",
    "1001+": "leading",
}

INTRO_TEMPLATES: tuple[str, ...] = (
    "{company} is looking for {a_title} to join our {area} team in {place}.",
    "We are hiring {a_title} at {company} to help us grow our {area} work in {place}.",
    "Join {company} as {a_title} and help shape how we do {area} across {place} and beyond.",
    "{company} has an opening for a motivated {title}. You will be part of a friendly {area} team based in {place}.",
    "Are you an experienced professional in {area}? {company} is searching for {a_title} in {place}.",
)

ABOUT_TEMPLATES: tuple[str, ...] = (
    "{company} is a {size} company in {industry}. Since {founded} we have built products and services that "
    "thousands of customers rely on every day, and we are proud of a culture of ownership, learning and respect.",
    "Founded in {founded}, {company} is a {size} player in {industry}. Our teams work across several countries "
    "and we invest in the people who make our work possible.",
    "At {company} we believe that great work comes from great teams. We are a {size} {industry} organization "
    "that values curiosity, clear communication and delivering on our promises.",
    "{company} operates in {industry} and has grown steadily since {founded}. We offer a supportive environment "
    "where you can take on responsibility early and see the impact of your work.",
)

ROLE_TEMPLATES: tuple[str, ...] = (
    "In this role you will work closely with colleagues from across the business to plan, deliver and improve "
    "our {area} activities. You will use {skill_a} and {skill_b} every day and have room to propose better ways "
    "of working.",
    "As our {title}, you will own important parts of our {area} function, from day-to-day execution to longer "
    "term improvements. Experience with {skill_a} is essential; familiarity with {skill_b} is a plus.",
    "You will join a team that cares about quality and collaboration. Together you will take on challenging "
    "{area} problems, share knowledge, and mentor others where you can. Tools of the trade include {skill_a} "
    "and {skill_b}.",
    "This is a hands-on position with real ownership. You will report to the {area} lead, take part in planning, "
    "and help us raise the bar on how we use {skill_a}.",
)

WORKPLACE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "onsite": (
        "This position is based at our office in {city}.",
        "You will work on site in {city}, with a modern office and a team around you.",
    ),
    "hybrid": (
        "This is a hybrid role: about three days a week in our {city} office, the rest from home.",
        "We work in a hybrid model, with flexible days in the {city} office.",
    ),
    "remote": (
        "This is a fully remote position; we collaborate online across time zones.",
        "You can work remotely; occasional team meetups are organized and paid for by {company}.",
    ),
}

CLOSING_TEMPLATES: tuple[str, ...] = (
    "{company} is an equal opportunity employer. We welcome applications from people of all backgrounds.",
    "If this sounds like you, we would love to hear from you. Please apply with your CV and a short cover letter.",
    "Interested? Apply today. Only shortlisted candidates will be contacted.",
    "We review applications on a rolling basis, so we encourage you to apply early.",
)

RESPONSIBILITY_TEMPLATES: tuple[str, ...] = (
    "Plan, deliver and follow up the day-to-day work of the {area} team",
    "Use {skill} to deliver reliable, high-quality results",
    "Work with stakeholders to understand needs and turn them into clear plans",
    "Prepare regular reports on progress, risks and results",
    "Continuously improve processes, tools and documentation",
    "Mentor junior colleagues and share knowledge across teams",
    "Keep up to date with best practices in {area}",
    "Contribute to budgeting, planning and prioritization",
    "Ensure compliance with company policies and local regulations",
    "Communicate clearly with customers, partners and colleagues",
)

REQUIREMENT_TEMPLATES: tuple[str, ...] = (
    "Solid working knowledge of {skill}",
    "Practical experience with {skill}",
    "Strong communication skills in English",
    "Ability to work independently and as part of a team",
    "Attention to detail and good organizational skills",
    "Willingness to learn and take ownership",
)

EDUCATION_BY_LEVEL: dict[str, str] = {
    "entry": "A diploma or bachelor's degree in a related field, or equivalent practical experience",
    "mid": "A bachelor's degree in a related field or equivalent experience",
    "senior": "A bachelor's or master's degree in a related field",
    "lead": "A bachelor's or master's degree; a relevant professional certification is a plus",
    "executive": "A master's degree or equivalent senior leadership experience",
}

YEARS_BY_LEVEL: dict[str, tuple[int, int]] = {
    "entry": (0, 2),
    "mid": (2, 5),
    "senior": (5, 8),
    "lead": (7, 12),
    "executive": (10, 15),
}

BENEFITS: tuple[str, ...] = (
    "Competitive salary reviewed every year",
    "Health insurance for you and your family",
    "Paid annual leave and public holidays",
    "Flexible working hours",
    "Learning and development budget",
    "Transport allowance",
    "Lunch provided at the office",
    "Pension or provident fund contributions",
    "Performance bonus",
    "Laptop and equipment of your choice",
    "Parental leave",
    "Wellness programs",
    "Remote work allowance",
    "Team retreats and social events",
    "Stock options",
    "Mobile phone and internet allowance",
)

COMPANY_DESCRIPTION_TEMPLATES: tuple[str, ...] = (
    "{name} is a {size} {industry} company headquartered in {city}. We serve customers across {country} and "
    "the wider region.",
    "Founded in {founded}, {name} builds services in {industry} for businesses and people in {country}.",
    "{name} is a {size} team based in {city}, working in {industry} since {founded}.",
)

# Screening questions in the shape the job serializers accept (key, label, type, required, choices).
SCREENING_QUESTIONS: tuple[dict, ...] = (
    {
        "key": "work_authorization",
        "label": "Are you legally authorized to work in the country of this job?",
        "type": "yes_no",
        "required": True,
        "choices": [],
    },
    {
        "key": "years_experience",
        "label": "How many years of relevant experience do you have?",
        "type": "number",
        "required": True,
        "choices": [],
    },
    {
        "key": "notice_period",
        "label": "What is your notice period?",
        "type": "single_choice",
        "required": False,
        "choices": ["Immediately", "2 weeks", "1 month", "More than 1 month"],
    },
    {
        "key": "expected_salary",
        "label": "What are your salary expectations?",
        "type": "short_text",
        "required": False,
        "choices": [],
    },
    {
        "key": "motivation",
        "label": "Why do you want to join us?",
        "type": "long_text",
        "required": False,
        "choices": [],
    },
    {
        "key": "languages",
        "label": "Which languages do you speak fluently?",
        "type": "multiple_choice",
        "required": False,
        "choices": ["English", "Amharic", "Swahili", "French", "Arabic"],
    },
)

MODERATION_REJECTION_REASONS: tuple[str, ...] = (
    "Duplicate of an existing posting.",
    "The posting asks applicants for payment.",
    "Missing information about the employer.",
)
