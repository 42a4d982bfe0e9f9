"""Expected parse results for the CV PDFs in ../shared/fixtures/cvs, written by hand from reading each PDF.

Several fixtures are templates with placeholder names (John Doe, YOUR NAME HERE): the expectation is
what the PDF says. Names set in capitals by the template are expected in title case (the parser stores
names as written in prose). `skills` lists skills that must be found (a subset, in canonical vocabulary
names); `languages` lists the spoken languages' names as printed, in order; `sidebar_text` lists sidebar
strings that must not appear inside any experience description.
"""

from __future__ import annotations

from typing import TypedDict


class CvExpectation(TypedDict, total=False):
    full_name: str
    email: str | None
    sections: list[str]
    skills: list[str]
    languages: list[str]
    language: str
    sidebar_text: list[str]
    experience_companies: list[str]


CV_EXPECTATIONS: dict[str, CvExpectation] = {
    "altacv_sample_twocolumn.pdf": {
        "full_name": "Your Name Here",
        "email": "your_name@email.com",
        # Main column (experience, projects) first, then the sidebar (strengths, languages, education).
        "sections": ["experience", "projects", "skills", "languages", "education"],
        "skills": ["C++", "Embedded Systems"],
        "language": "en",
        "sidebar_text": ["Fantastic Achievement", "Embedded Systems", "Wonderful Research", "heartfelt"],
    },
    "awesome-cv_cv.pdf": {
        "full_name": "Claud D. Park",
        "email": "posquit0.bj@gmail.com",
        # "Languages  Korean, English, Japanese", a row of the skills table, lists spoken languages: they are
        # the profile's languages (a languages section right after skills), not skills.
        "sections": ["education", "skills", "languages", "experience", "certifications"],
        "skills": ["AWS", "Docker", "Kubernetes", "Terraform", "Django", "React", "Python"],
        "languages": ["Korean", "English", "Japanese"],
        "language": "en",
        "experience_companies": ["Danggeun Pay Inc. (KarrotPay)", "Danggeun Market Inc.", "Kasa"],
    },
    "awesome-cv_resume.pdf": {
        "full_name": "Byungjin Park",
        "email": "posquit0.bj@gmail.com",
        "sections": ["summary", "experience", "certifications", "education"],
        "skills": ["AWS", "Kubernetes", "Terraform", "ArgoCD", "Istio"],
        "language": "en",
        "experience_companies": [
            "Dunamu Inc.",
            "Danggeun Pay Inc. (KarrotPay)",
            "Danggeun Market Inc.",
            "Kasa",
        ],
    },
    "dataturks_sample_input.pdf": {
        "full_name": "Dushyant Bhatt",
        "email": None,  # Indeed export: only an indeed.com contact link, no address
        "sections": ["experience", "education", "skills"],
        "skills": ["Azure", "Power BI", "SQL", "Tableau", "C#"],
        "language": "en",
        "experience_companies": ["Microsoft"],
    },
    "moderncv_casual_orange.pdf": {
        "full_name": "John Doe",
        "email": "john@doe.org",
        "sections": ["education", "experience", "languages", "skills"],
        "skills": [],  # the template's skills are "XXX, YYY, ZZZ"
        "language": "en",
    },
    "moderncv_classic_green.pdf": {
        "full_name": "John Doe",
        "email": "john@doe.org",
        "sections": ["education", "experience", "languages", "skills"],
        "skills": [],
        "language": "en",
    },
    "moderncv_template_es_spanish.pdf": {
        "full_name": "John Doe",
        "email": "john@doe.org",
        # Formación académica, Experiencia, Idiomas, Conocimientos de computación
        "sections": ["education", "experience", "languages", "skills"],
        "skills": [],
        "language": "es",
    },
    "nicofilips_latex-template-cv.pdf": {
        "full_name": "John Doe",
        "email": "inquiries@JohnDoe.com",
        # Its other headings ("School education and CV", "Other knowledge", "Personal information")
        # name no single canonical section; "Languages" is used twice: over programming languages (GoLang,
        # Javascript: a skills list, read by what it lists), then over spoken ones (English, French).
        "sections": ["skills", "languages"],
        "skills": ["Go", "JavaScript", "Angular"],
        "languages": ["English", "French"],
        "language": "en",  # German locale, but the content is written in English
    },
    "open-resume_openresume-resume.pdf": {
        "full_name": "John Doe",
        "email": "hello@openresume.com",
        "sections": ["experience", "education", "projects", "skills"],
        "skills": ["HTML", "CSS", "Python", "TypeScript", "React", "C++", "GraphQL", "Node.js"],
        "language": "en",
        "experience_companies": ["ABC Company"],
    },
    "pyresparser_OmkarResume.pdf": {
        "full_name": "Omkar Pathak",
        "email": "omkarpathak27@gmail.com",
        "sections": ["experience", "projects", "education", "skills"],
        "skills": ["Python", "PHP", "C++", "Django", "Flask", "Laravel", "MySQL", "MongoDB"],
        "language": "en",
        "experience_companies": [
            "Schlumberger",
            "Truso",
            "Propeluss",
            "GeeksForGeeks",
            "Softtestlab Technologies",
        ],
    },
    "resume-matcher_modern-two-column.pdf": {
        "full_name": "John Doe",
        "email": "john.doe@email.com",
        "sections": ["summary", "experience", "projects", "education", "skills"],
        "skills": [
            "Python",
            "Node.js",
            "TypeScript",
            "PostgreSQL",
            "Redis",
            "GraphQL",
            "Docker",
            "Kubernetes",
        ],
        "language": "en",
        "sidebar_text": ["Elasticsearch", "PagerDuty", "Feature Flags", "UC Berkeley", "LINKS"],
        "experience_companies": ["Stripe", "Figma", "Notion"],
    },
    "resume-matcher_single-column.pdf": {
        "full_name": "John Doe",
        "email": "john.doe@email.com",
        "sections": ["summary", "experience", "education", "projects", "skills"],
        "skills": ["Go", "Python", "Node.js", "Docker", "Kubernetes", "AWS", "GraphQL"],
        "language": "en",
        "experience_companies": ["Stripe", "Figma", "Notion"],
    },
    "teadove_RESUME_RU_russian.pdf": {
        "full_name": "Ибрагимов Петер Ильгизович",
        "email": "peter.ibragimov@gmail.com",
        # Краткое резюме, Опыт работы, Сертификаты и достижения, Образование, Навыки, and its "Языки:" block
        "sections": ["summary", "experience", "certifications", "education", "skills", "languages"],
        "skills": ["Go", "Python", "PostgreSQL", "Redis", "Terraform", "Kubernetes", "Docker", "Prometheus"],
        "language": "ru",
    },
}
