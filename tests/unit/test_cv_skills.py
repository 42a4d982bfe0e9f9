"""Skills as a user sees them on the profile after uploading a CV: synthetic CVs read through the pasted-text
path (the same parser as a PDF or DOCX after layout), and the technology taxonomy behind them."""

from __future__ import annotations

import pytest

from ai_coach.cv import parse_cv_text
from ai_coach.vocabulary import (
    DEFAULT_TECHNOLOGIES_PATH,
    SkillEntry,
    SkillVocabulary,
    Technology,
    load_cv_vocabulary,
    load_vocabulary,
    read_technologies,
    with_technologies,
)

ENGINEER_CV = """Dana Example
dana@example.org | +44 20 7946 0958 | Leeds, UK

Experience
Embedded Engineer, Acme Devices Ltd, 2019 - 2023
- Designed boards in KiCad and Altium Designer, firmware in Rust on FreeRTOS.
- Moved the nightly builds to Jenkins and reviewed every change in Gerrit.

Projects
Inventory tracker. Tech stack: Svelte, Supabase, Tailwind CSS, Vercel

Skills
Languages: Python 3, JS, golang, С++
Databases: Postgres, SQLserver
Tools: Web-Scraping, GanttProject, Microsoft Outlook
Soft skills: Communication, Teamwork, Problem solving
"""


def test_skills_from_lists_sentences_and_inline_stacks_with_spellings_normalised() -> None:
    skills = parse_cv_text(ENGINEER_CV).skills
    # Skills section, each written another way than its canonical name: a version, an abbreviation, a
    # Cyrillic "С" typed on a Russian keyboard, a nickname, spaces left out, a hyphen for a space.
    for name in ("Python", "JavaScript", "Go", "C++", "PostgreSQL", "Microsoft SQL Server", "Web Scraping"):
        assert name in skills, name
    # Products from the list and from experience bullets, some of which only the technology taxonomy knows
    # (Altium Designer, Microsoft Outlook).
    for name in ("GanttProject", "Microsoft Outlook", "KiCad", "Altium Designer", "FreeRTOS", "Jenkins"):
        assert name in skills, name
    # A project's "Tech stack:" line outside the skills section.
    for name in ("Svelte", "Tailwind CSS", "Vercel"):
        assert name in skills, name
    # Rust on a line with other technologies is the language.
    assert "Rust" in skills
    # Generic soft skills are never skills, under their label or anywhere else.
    assert not {"Communication", "Teamwork", "Problem Solving"} & set(skills)


def test_ordinary_words_are_not_taken_for_skills_without_technical_context() -> None:
    cv = parse_cv_text(
        """Sam Cook
sam@example.org

Experience
Chef de partie, The Ivy, London, 2015 - 2020
- Chef for a busy restaurant; worked the Spring and Swift service menus.
- Go-to person for C-level dinners and R&D of new dishes.
- Plan B and Plan C menus; kept the kitchen free of rust and flour dust.
- Led security checks and cloud kitchen deliveries.
"""
    )
    assert cv.skills == []


def test_the_same_words_count_next_to_other_technologies() -> None:
    cv = parse_cv_text(
        """Kim Dev
kim@example.org

Experience
Backend Engineer, Northwind, 2020 - 2024
- Built the billing service in Go and PostgreSQL, with Spring for the legacy Java part.
- Provisioned servers with Chef and Terraform; security scanning with Trivy and Docker.
"""
    )
    for name in ("Go", "PostgreSQL", "Spring", "Java", "Chef", "Terraform", "Security", "Docker"):
        assert name in cv.skills, name


def test_a_field_of_work_named_in_a_sentence_counts_but_a_job_title_does_not() -> None:
    cv = parse_cv_text(
        """Lee Sample
lee@example.org
Frontend Developer

Experience
Consultant, Contoso, 2019 - 2023
- Led the web development of the customer portal.
"""
    )
    assert "Web Development" in cv.skills
    assert "Frontend Development" not in cv.skills


def test_course_lists_in_other_languages_give_their_concepts() -> None:
    cv = parse_cv_text(
        """Ana Ejemplo
ana@example.org

Educación
Grado en Ingeniería Informática, Universidad de Alcalá, 2016 - 2020
Contenido del curso: Sistemas Operativos, Programación Orientada a Objetos, Inteligencia Artificial, Compiladores.
"""
    )
    for name in ("Operating Systems", "OOP", "Artificial Intelligence", "Compilers"):
        assert name in cv.skills, name


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("Python 3.11", "Python"),
        ("Vue 3", "Vue.js"),
        ("С++", "C++"),
        ("PL-SQL", "SQL"),
        ("SQLserver", "Microsoft SQL Server"),
        ("node_js", "Node.js"),
        ("Oracle Java", "Java"),  # a vendor's name in front: the taxonomy's spelling of a curated skill
        ("Atlassian JIRA", "Jira"),
        ("kicad", "KiCad"),
        ("C 11", "C"),
        ("Knitting", None),
    ],
)
def test_cv_vocabulary_resolves_written_variants(spelling: str, expected: str | None) -> None:
    assert load_cv_vocabulary().canonical(spelling) == expected


def test_the_taxonomy_is_broad_and_records_its_source() -> None:
    header = DEFAULT_TECHNOLOGIES_PATH.read_text(encoding="utf-8").split("\n", 12)[:12]
    assert any("O*NET" in line for line in header) and any("CC BY 4.0" in line for line in header)
    technologies = read_technologies()
    assert len(technologies) >= 5000
    assert len(load_cv_vocabulary()) > len(load_vocabulary()) + 5000


def test_the_fit_scorers_vocabulary_stays_the_curated_one() -> None:
    # A posting naming an obscure product is not asking for a skill the scorer can weigh.
    assert load_vocabulary().canonical("Altium Designer") is None
    assert load_cv_vocabulary().canonical("Altium Designer") == "Altium Designer"


def test_one_word_products_match_as_written_and_ordinary_words_need_company() -> None:
    curated = [SkillEntry("Python", "programming_language")]
    vocabulary = SkillVocabulary(with_technologies(curated, [
        Technology("Apache Ant", ("Apache Ant", "Ant"), "Development environment software", False, False),
        Technology("Puppet", ("Puppet",), "Configuration management software", True, True),
        Technology("Oracle Python", ("Oracle Python", "Python"), "Development environment software", False, False),
    ]))
    assert vocabulary.find_in_text("Builds with Ant and apache ant; an ant colony.") == ["Apache Ant"]
    assert vocabulary.find_in_text("Puppet shows for children.") == []
    assert vocabulary.find_in_text("Provisioned with Puppet, Python.") == ["Puppet", "Python"]
    # A technology that is a curated skill under another spelling lends it that spelling.
    assert vocabulary.canonical("Oracle Python") == "Python"
    assert vocabulary.category("Ant") == "technology"


def test_a_name_with_capitals_inside_matches_with_its_first_capital_only() -> None:
    vocabulary = SkillVocabulary(with_technologies([], [
        Technology("Trimble SketchUp Pro", ("Trimble SketchUp Pro", "SketchUp"), "Graphics software", True, False),
        Technology("Mars", ("MARS",), "Data mining software", False, False),
    ]))
    assert vocabulary.find_in_text("Modelled in Sketchup and SKETCHUP.") == ["Trimble SketchUp Pro"]
    assert vocabulary.find_in_text("sketchup, a trip to Mars.") == []  # all capitals: "Mars" is the word


def test_a_sidebar_address_among_the_skills_is_not_a_skill() -> None:
    cv = parse_cv_text(
        """Reza Example
reza@example.org

Skills
Appwrite, Deutschland, Iran, GDAL
"""
    )
    assert "Appwrite" in cv.skills and "GDAL" in cv.skills
    assert not {"Deutschland", "Iran"} & set(cv.skills)


def test_items_named_in_parentheses_count_among_known_names_only() -> None:
    cv = parse_cv_text(
        """Ola Example
ola@example.org

Skills
Cloud: AWS (S3, Lambda, EC2, RDS), Azure (Functions, IoT Hub)
Buses: Bus (UART, SPI, I2C, CAN)
Electronics (BF, HF, CEM), Erlang (telephony), React (in progress)
"""
    )
    # An item the vocabulary knows with the name before the parenthesis, and unknown names among known ones.
    for name in ("Azure Functions", "Azure IoT Hub", "Lambda", "CAN", "UART", "Erlang", "React"):
        assert name in cv.skills, name
    # A bare word that only means something with its parent, abbreviations no one knows, and remarks.
    assert not {"Functions", "BF", "HF", "CEM", "telephony", "in progress"} & set(cv.skills)


def test_a_list_wrapped_over_rows_is_read_whole() -> None:
    cv = parse_cv_text(
        """Ivo Example
ivo@example.org

Skills
Technologies: Pandas, Matplotlib &
Seaborn, Scikit-learn, PyTorch, Trans-
formers, PostgreSQL
Infrastructure: Nginx, DNS (BIND,
PowerDNS), Ceph, Rook
"""
    )
    # "Seaborn" after a wrapped "&", "Transformers" broken by a hyphen, a parenthesis closed on the next row.
    for name in ("Seaborn", "Hugging Face", "BIND", "PowerDNS", "Rook"):
        assert name in cv.skills, name
    assert not {"Trans", "formers"} & {skill.casefold() for skill in cv.skills}


def test_a_row_that_ends_its_list_is_not_joined_to_the_next_label() -> None:
    cv = parse_cv_text(
        """Lev Example
lev@example.org

Skills
Языки программирования  Scala, Python, ZIO
Технологии MongoDB, Kafka, Aeron
"""
    )
    for name in ("Scala", "Python", "ZIO", "MongoDB", "Apache Kafka", "Aeron"):
        assert name in cv.skills, name
    # Not one item "ZIO Технологии MongoDB" made of the end of one row and the start of the next.
    assert not [skill for skill in cv.skills if "Технологии" in skill or "ZIO " in skill]


def test_a_stack_with_a_parenthesised_list_under_a_project_gives_its_names() -> None:
    cv = parse_cv_text(
        """Mia Example
mia@example.org

Projects
Event ticketing platform, 2023
Stack: Docker, Kubernetes, AWS (S3, Lambda, EC2, ECS), Terraform
"""
    )
    for name in ("Docker", "Kubernetes", "AWS", "Lambda", "Terraform"):
        assert name in cv.skills, name


def test_a_skill_named_across_a_wrapped_row_or_with_a_hyphen_is_found() -> None:
    cv = parse_cv_text(
        """Noa Example
noa@example.org

Experience
Platform Engineer, Northwind, 2020 - 2024
- Built an analytics dashboard for clients, improving their data
visualization and reporting.
- Delivered high-availability infrastructure on Kubernetes.
"""
    )
    assert "Data Visualization" in cv.skills
    assert "High Availability" in cv.skills


def test_an_acronym_in_capitals_is_not_the_ordinary_word_it_spells() -> None:
    cv = parse_cv_text(
        """Eva Example
eva@example.org

Experience
Project Manager, Contoso, 2019 - 2023
- Integrated the shop with APIs REST of the suppliers.
- Introduced a CRM for the sales team.
"""
    )
    assert "REST APIs" in cv.skills
    assert "CRM" in cv.skills
    quiet = parse_cv_text(
        """Eva Example
eva@example.org

Experience
Project Manager, Contoso, 2019 - 2023
- Took a rest after the launch.
- WORKED ON THE REST OF THE CRM ROLLOUT
"""
    )
    # The word in lower case, and every word of a line in capitals, is not taken for an acronym.
    assert "REST APIs" not in quiet.skills and "CRM" not in quiet.skills


# --- issue 16, dev CV skills (evals/data/cv_labels/SKILLS.md): umbrella extras and spellings ---------------------

from ai_coach.cv.fields import find_skills  # noqa: E402


def test_a_web_address_names_no_skill() -> None:
    text = "Blog: http://blog.example.net and talks at https://talks.example.org/react\nBuilt services in Go and Kafka."
    found = find_skills("", text)
    assert "HTTP" not in found
    assert "Go" in found


def test_loose_spellings_name_a_field_in_a_list_but_not_in_a_sentence() -> None:
    sentences = ("Automated Genesys Cloud API workflows with Python.\n"
                 "Integrated Grafana dashboards and fixed UI bugs in the React app.\n"
                 "Set up Prometheus monitoring for the analytics team.")
    found = set(find_skills("", sentences))
    assert not {"Cloud Computing", "Data Visualization", "UI Design", "Observability", "Data Analysis"} & found
    assert {"Python", "React", "Prometheus"} <= found
    # Written out in a sentence the field still counts, and in a skills list the short word does too.
    assert "Cloud Computing" in find_skills("", "Five years of cloud computing with Python and Terraform.")
    assert {"Cloud Computing", "UI Design"} <= set(find_skills("Cloud, UI, Docker", ""))


def test_ai_counts_only_in_capitals() -> None:
    french = "En septembre 2024 j’ai commencé un master en R et Python.\nJ'ai contribué à Rweekly."
    assert "Artificial Intelligence" not in find_skills("", french)
    assert "Artificial Intelligence" in find_skills("", "Built AI features with Python and PyTorch.")
    assert load_cv_vocabulary().canonical("ai") == "Artificial Intelligence"


def test_a_column_of_one_item_per_row_is_a_list() -> None:
    section = "Anwendungen\nBusiness Cases\nReporting\nCanva\nKdenlive (Videobearbeitung)\nJira"
    found = set(find_skills(section, ""))
    assert {"Business Cases", "Reporting", "Canva", "Kdenlive", "Jira"} <= found
    # Two rows are not a column: an unknown lone row stays out.
    assert "Videobearbeitung" not in find_skills("Videobearbeitung\nSome words here", "")


def test_lower_case_tool_names_among_known_ones_count() -> None:
    found = set(find_skills("Technical Skills: Linux, Bash, Burp Suite, ffuf, curl, C++, Python, and more", ""))
    assert {"ffuf", "curl"} <= found
    assert "more" not in found


def test_a_one_letter_slip_in_a_listed_name_is_the_skill() -> None:
    found = set(find_skills("Tools: SQLLite, KiKad, Grapviz, Jira", ""))
    assert {"SQLite", "KiCad", "Graphviz"} <= found
    # Not for a first letter, a digit or a common word.
    assert "ImageJ" not in find_skills("Tools: Image, Jira, Git", "")


def test_soft_skills_under_a_bulleted_soft_label_or_heading_stay_out_and_software_is_not_soft() -> None:
    section = "Soziale Kompetenzen\n•  Teamplayer\n•  Empathie\n•  Menschenkenntnis"
    assert not {"Empathie", "Menschenkenntnis"} & set(find_skills(section, ""))
    assert {"Zotero", "Canva"} <= set(find_skills("Software: Zotero, Canva, Jira", ""))
    assert "Microsoft Office" in find_skills("Computer  MS-Office gut\nLinux Grundkenntnisse", "")


def test_a_soft_skills_heading_over_a_column_gives_no_skills() -> None:
    cv = parse_cv_text("Ann Lee\nann@example.org\n\nSoft skills\nEmpathy\nKreativität\nReliability\n")
    assert cv.skills == []


@pytest.mark.parametrize(("spelling", "name"), [
    ("Twitter Bootstrap", "Bootstrap"), ("RPi", "Raspberry Pi"), ("ECR", "Amazon ECR"), ("Amplify", "AWS Amplify"),
    ("Assembly x86", "Assembly"), ("x86 Assembly", "Assembly"), ("UI/UX Design", "UX Design"),
    ("Agile Methods", "Agile"), ("GNU/Linux", "Linux"), ("SVERWEIS", "Microsoft Excel"), ("XLOOKUP", "Microsoft Excel"),
    ("Online Analytical Processing", "OLAP"), ("Visual Code", "Visual Studio Code"), ("DAX", "DAX"),
    ("PowerQuery", "Power Query"), ("FCM", "Firebase Cloud Messaging"),
])
def test_common_other_names_of_a_skill_are_the_skill(spelling: str, name: str) -> None:
    assert load_cv_vocabulary().canonical(spelling) == name


def test_heading_words_after_another_item_are_an_item_and_a_leading_label_is_not() -> None:
    found = set(find_skills("Genesys: Genesys Cloud, Genesys APIs, Contact Center Automation, Workflow Design", ""))
    assert "Contact Center Automation" in found
    found = set(find_skills("Technologien  Docker, Git, Jira", ""))
    assert "Technologien" not in found and {"Docker", "Git", "Jira"} <= found
    assert not [name for name in find_skills("Знание 1С, Python, SQL", "") if "знание" in name.casefold()]


def test_well_known_tools_in_sentences_are_found() -> None:
    text = ("Tracing with Jaeger and VictoriaMetrics, infrastructure through Terragrunt; PostGIS cluster.\n"
            "Security labs with Burp Suite, OWASP ZAP and sqlmap. Tested APIs in SoapUI and tracked bugs in YouTrack.")
    found = set(find_skills("", text))
    assert {"Jaeger", "VictoriaMetrics", "Terragrunt", "PostGIS", "Burp Suite", "OWASP ZAP", "sqlmap", "SoapUI",
            "YouTrack"} <= found


def test_field_and_method_names_in_other_languages_are_the_skill() -> None:
    vocabulary = load_cv_vocabulary()
    for spelling, name in [("Basi di Dati", "Databases"), ("Sviluppo Web", "Web Development"),
                           ("Sistemi Operativi", "Operating Systems"), ("регрессия", None),
                           ("теория графов", "Graph Theory"), ("regresji liniowej", "Linear Regression"),
                           ("analyses multivariées", "Multivariate Analysis"), ("modelagem de dados", "Database Design")]:
        if name is not None:
            assert vocabulary.canonical(spelling) == name, spelling
    # "databases" in a sentence is a word, in a list a skill.
    assert "Databases" not in find_skills("", "Tuned SQL and NoSQL databases with Python.")
    assert "Databases" in find_skills("Basi di Dati: progettazione e gestione", "")


def test_a_column_row_may_be_a_known_name_or_a_pair() -> None:
    section = "Multiple Project Coordination\nCreative Writing\nProject Planning\nCanvas\nZoom / Teams"
    found = set(find_skills(section, ""))
    assert {"Multiple Project Coordination", "Creative Writing", "Canvas"} <= found


def test_tabs_between_words_and_vendor_named_products_in_sentences() -> None:
    found = set(find_skills("", "Ich\thabe\teine\tWeb-App\tmit\tMaterial\tDesign\tund\tAngularJS\tentwickelt."))
    assert "Material Design" in found
    assert "Microsoft Excel" in find_skills("", "Recorded inventory data using Microsoft Excel.")
    assert "Microsoft Excel" not in find_skills("", "We excel at inventory work.")


@pytest.mark.parametrize(("spelling", "name"), [
    ("Impressão 3D", "3D Printing"), ("imprimé en 3D", "3D Printing"), ("Codereview", "Code Review"),
    ("компилятора", "Compilers"), ("compilateur", "Compilers"), ("CI", "CI/CD"),
])
def test_translations_and_short_forms_of_methods(spelling: str, name: str) -> None:
    assert load_cv_vocabulary().canonical(spelling) == name


def test_ci_in_capitals_is_the_practice_and_ci_in_a_sentence_of_another_language_is_not() -> None:
    assert "CI/CD" in find_skills("", "Создание CI pipeline для CMake проектов, Docker.")
    assert "CI/CD" not in find_skills("", "Non ci sono problemi con Python.")


def test_each_row_of_a_skills_section_is_cut_into_items_once(monkeypatch) -> None:
    # find_skills and its column test (a skills section set one item per row) share one cut of each row.
    from ai_coach.cv import fields

    section = "Python, Django, PostgreSQL\nBusiness Cases\nReporting\nCanva\nSoft skills: teamwork"
    expected = find_skills(section, "")
    cut: list[str] = []
    real = fields.skill_list_items

    def counted(row_text: str) -> list[str]:
        cut.append(row_text)
        return real(row_text)

    monkeypatch.setattr(fields, "skill_list_items", counted)
    assert find_skills(section, "") == expected
    assert {"Python", "Business Cases", "Reporting", "Canva"} <= set(expected)
    section_cuts = [row for row in cut if row in section.splitlines()]
    assert sorted(section_cuts) == sorted(section.splitlines())


# Issue 16, second pass on the dev misses: programming languages under a "Languages:" label, labels without a
# colon, items cut at a row's end, and words of other languages that spell a product's name.
PROGRAMMER_CV = """Mateusz Example
mateusz@example.org | +48 723 406 959 | Wrocław, Poland

Work experience
Integration tester, Nokia, 2022 - 2024
- Built a session tool in Python to monitor RDP and SSH usage; integrated GitHub Copilot into the workflow.
- Handled UDP and XML/SOAP message translations; provided customer service to the radio teams.

SKILLS
Languages:
Python ●●●●●
Rust ●●●●○
C/C++ ●●●○○
Frameworks: React, Svelte, Axum, QT, FastAPI, Robot
Framework
Systems & Infrastructure: Docker, Git, nginx & Apache

LANGUAGES
English: level C2
German: level B1
"""


def test_a_languages_label_over_programming_languages_is_read_as_skills() -> None:
    cv = parse_cv_text(PROGRAMMER_CV)
    for name in ("Python", "Rust", "C", "C++", "React", "Svelte", "Axum", "FastAPI", "Docker", "Git", "Nginx"):
        assert name in cv.skills, name
    # The spoken languages' own section stays what it is.
    assert {language.name for language in cv.languages} >= {"English", "German"}
    assert not {"English", "German"} & set(cv.skills)


def test_list_items_joined_by_an_ampersand_or_cut_at_the_row_end_are_read_whole() -> None:
    skills = parse_cv_text(PROGRAMMER_CV).skills
    assert "Apache HTTP Server" in skills  # "nginx & Apache"
    assert "Robot Framework" in skills and "Robot" not in skills  # "..., Robot" / "Framework"


def test_protocols_ai_tools_and_support_work_named_in_bullets_are_skills() -> None:
    skills = parse_cv_text(PROGRAMMER_CV).skills
    for name in ("RDP", "SSH", "GitHub Copilot", "UDP", "SOAP", "Customer Service"):
        assert name in skills, name


def test_a_category_label_without_a_colon_is_not_part_of_its_first_item() -> None:
    cv = parse_cv_text("""Alex Example
alex@example.org

Skills
Programming  Typescript, Javascript, Python, Rust
Frameworks React, Node.JS, Express, FastAPI
Cloud Platforms AWS, Microsoft Azure
Spoken Languages English, French
""")
    for name in ("React", "Node.js", "AWS", "Azure", "TypeScript", "Rust"):
        assert name in cv.skills, name
    assert not {"Frameworks React", "Cloud Platforms AWS", "Spoken Languages English", "English", "French"} & set(
        cv.skills)


def test_a_spoken_languages_heading_over_a_skills_list_stays_spoken_languages() -> None:
    cv = parse_cv_text("""Fernan Example
fernan@example.org

Languages
Filipino, English
Programming
Dart (Flutter), Go (gRPC, gin), Python (Django)
""")
    assert "Filipino" not in cv.skills
    assert {language.name for language in cv.languages} >= {"Filipino", "English"}


def test_words_of_other_languages_that_spell_a_product_are_not_that_product() -> None:
    skills = parse_cv_text("""Aurélien Example
aurelien@example.org

Expérience professionnelle
Ingénieur de recherche, Visual Behavior, 2022 - 2025
- Reconstruction de l'environnement à partir d'une vue aérienne.
- Laurea in informatica, Gymnasium Bayreuth.
- Intern in satellites engineering at SES Satellites; built a GPS tracker app.
""").skills
    assert not {"Vue.js", "Informatica PowerCenter", "OpenAI Gym", "Amazon SES", "GPS"} & set(skills)


def test_skills_named_in_french_italian_and_polish_are_found() -> None:
    skills = parse_cv_text("""Giulia Example
giulia@example.org

Competenze
Apprentissage auto-supervisé, méta-apprentissage
Conoscenza della programmazione orientata agli oggetti
Uso della suite Office e di LaTeX
Obsługa klienta, Matlab & Simulink
""").skills
    for name in ("Self-Supervised Learning", "Meta-Learning", "OOP", "Microsoft Office", "LaTeX", "Customer Service",
                 "MATLAB", "Simulink"):
        assert name in skills, name


def test_a_generic_word_after_a_name_and_names_run_together_give_the_named_skills() -> None:
    skills = parse_cv_text("""Jürgen Example
juergen@example.org

Skills
ROS Framework, NI Vision Assistant, SVN
PyTorch  JAX  Python  OpenCV
Docker  Linux  Git  OpenGL WebGPU
R Shiny, Windows Azure
""").skills
    for name in ("ROS", "OpenGL", "WebGPU", "Shiny", "Azure", "PyTorch"):
        assert name in skills, name
    assert not {"ROS Framework", "OpenGL WebGPU"} & set(skills)


def test_a_justified_paragraph_in_a_skills_section_gives_its_named_skills_not_its_words() -> None:
    # A designer's skills column written as paragraphs, justified: two spaces between every word, the gap a list
    # of cells has between its items. The user sees the technologies the paragraph names, not "de" or "Sistemas".
    section = ("JAVA\n"
               "Eu  sou  bem  familiarizado  com  a  linguagem\n"
               "Java,  em  meu  ensino  médio  e  na  faculdade\n"
               "desenvolvi  sistemas  de  gerenciamento  com\n"
               "relatórios  em  JasperReports  e  um  banco  de\n"
               "Em resumo, possuo conhecimento sobre Java\n"
               "Orientado  à  Objetos,  Desenvolvimento  de\n"
               "Sistemas  Locais  e  estudo  Apache  Kafka.\n"
               "Ferramentas: Docker, Git, Postman")
    found = set(find_skills(section, ""))
    assert {"Java", "JasperReports", "Apache Kafka", "Docker", "Git", "Postman"} <= found
    assert not {"de", "sou", "Sistemas", "Orientado", "Desenvolvimento", "Locais", "Apache HTTP Server"} & found
    # A list set in cells with two spaces between them is still a list, unknown names included.
    assert {"Appwrite", "Supabase", "Vercel"} <= set(find_skills("Appwrite  Supabase  Vercel  Docker", ""))


def test_a_portuguese_contacts_heading_ends_the_skills_section() -> None:
    skills = parse_cv_text("""João Example
joao@example.org

HABILIDADES
Python, Django, PostgreSQL

CONTATOS
LinkedIn
Github
Email
""").skills
    assert {"Python", "Django", "PostgreSQL"} <= set(skills)
    assert not {"CONTATOS", "LinkedIn", "Email"} & set(skills)


def test_a_job_title_names_the_post_not_a_skill_and_github_as_a_link_is_not_git() -> None:
    text = ("Site Reliability Engineer  05/2019 - 01/2022\n"
            "TECH SUPPORT INTERN  May 2016 - Jun. 2016\n"
            "Ingénieur systèmes embarqués\n"
            "Incident Response Team  2011/01-2013/05\n"
            "GitHub: https://github.com/example\n"
            "- Built the billing service in Go and PostgreSQL.\n")
    found = set(find_skills("", text))
    assert not {"SRE", "Technical Support", "Embedded Systems", "Incident Management", "Git"} & found
    assert {"Go", "PostgreSQL"} <= found
    # The same names in a sentence, or a job noun in lower case after them, are the skill.
    found = set(find_skills("", "Provided technical support for 40 users; an IT support intern, I used Git daily.\n"
                                "Worked on embedded systems and led the incident response.\n"))
    assert {"Technical Support", "Git", "Embedded Systems", "Incident Management"} <= found
    # In a skills list GitHub is still Git.
    assert "Git" in find_skills("Tools: GitHub, Docker, Jira", "")


def test_language_levels_europass_grid_titles_companies_and_sentence_fragments_are_not_skills() -> None:
    section = ("Altre lingue  COMPRENSIONE  PARLATO  PRODUZIONE SCRITTA\n"
               "Ascolto  Lettura  Interazione  Produzione orale\n"
               "Inglese  C1  C1  C1  C1  C1\n"
               "Francese  A1  A1  A1  A1  A1\n"
               "\n"
               "Netzwerktechnik : Ich habe tiefes Verständnis für Netzwerkprotokolle und kenne Methoden, um Fehler\n"
               "• Linux Härtung für ML Consulting, Schulung, Service & Support GmbH/Bundeswehr\n"
               "• Tools: Ansible, Docker, HAProxy, Proxmox, Zabbix, Semaphore\n")
    found = set(find_skills(section, ""))
    assert {"Ansible", "Docker", "HAProxy", "Proxmox", "Semaphore", "Linux"} <= found
    assert not {"C1", "A1", "COMPRENSIONE", "PARLATO", "Ascolto", "Lettura", "Interazione", "um Fehler",
                "Support GmbH", "Schulung", "Service", "Bundeswehr"} & found
    # Unknown names in a list still count, lower-case tools among known ones too.
    assert {"Appwrite", "ffuf"} <= set(find_skills("Appwrite, Supabase, Vercel\nLinux, Bash, ffuf, curl, Python", ""))


def test_list_endings_russian_words_and_words_of_a_capitals_line_are_not_taxonomy_acronyms() -> None:
    # "etc." is not the taxonomy's ETC (Electronic Time Clock), Russian "так" not TAK, "KEYNOTE SPEAKER" not
    # Apple Keynote, a surname "DOS SANTOS" not DOS.
    found = set(find_skills("", "Docker, Jenkins, Github Actions and Jira, etc.\n"
                                "Kubernetes, Helm, так, Terraform\n"
                                "TEACHER, COACH, KEYNOTE SPEAKER, AUTHOR\n"
                                "JESSICA SOUZA DOS SANTOS\n"
                                "- Presented the roadmap in Keynote; wrote the DOS boot loader in C.\n"))
    assert {"Docker", "Jenkins", "Kubernetes", "Terraform", "Apple Keynote", "DOS"} <= found
    assert not {"Electronic Time Clock", "K&K Associates Thermal Analysis Kit"} & found
    found = set(find_skills("", "TEACHER, COACH, KEYNOTE SPEAKER, AUTHOR\nJESSICA SOUZA DOS SANTOS\n"))
    assert not {"Apple Keynote", "DOS"} & found
    assert load_cv_vocabulary().canonical("С++") == "C++"  # a Cyrillic С typed for the Latin one still is


def test_well_known_tools_and_names_coordinated_with_a_skill_in_a_skills_paragraph_are_found() -> None:
    section = ("Linux : Ich habe Erfahrung mit SELinux, AppArmor und nftables auf eigenen Servern\n"
               "Advanced knowledge and experience using Lawson, Helios  and Peoplesoft ERP systems\n")
    found = set(find_skills(section, "Emulated devices in QEMU and KVM; messaging over ZeroMQ with msgpack.\n"
                                     "MIPS Deutschland GmbH & Co. KG\n"))
    assert {"SELinux", "AppArmor", "nftables", "Lawson", "Helios", "PeopleSoft", "QEMU", "KVM", "ZeroMQ",
            "MessagePack"} <= found
    assert "MIPS" not in found  # only in an employer's name
    # A capitalised word joined to a skill is taken only in a skills paragraph, and never a common word.
    assert "Swing" not in find_skills("Desenvolvi sistemas locais com Swing e JPA na faculdade", "")


def test_a_parse_reads_skills_with_the_vocabulary_it_is_handed_and_the_next_with_the_shipped_one() -> None:
    text = """Dana Example
dana@example.org | +44 20 7946 0958 | Leeds, UK

Experience
Embedded Engineer, Acme Devices Ltd, 2019 - 2023
- Wrote the firmware and the test rigs in Python.

Skills
Kubernetes, Zorblefelx
"""
    shipped = parse_cv_text(text).skills
    assert "Python" in shipped and "Zorblefelx" in shipped  # an unknown list item is kept as typed
    # A vocabulary that knows "Zorbleflex" and not Python: the item is read as a slip of that name (the
    # fuzzy index is this vocabulary's), and Python in a sentence is no longer a skill.
    tiny = SkillVocabulary.from_mapping({"languages": {"Zorbleflex": {}}})
    handed = parse_cv_text(text, vocabulary=tiny).skills
    assert "Zorbleflex" in handed and "Zorblefelx" not in handed and "Python" not in handed
    assert parse_cv_text(text).skills == shipped  # the next parse is back on the shipped vocabulary


def test_a_skills_list_set_under_the_spoken_languages_is_read_and_its_capitals_sub_headings_are_not_skills() -> None:
    # A sidebar's skills under its languages, with sub-headings the section reader does not know: the rows after
    # the spoken languages are a skills list when the vocabulary finds technical skills there and no date.
    cv = parse_cv_text("""Rita Example
rita@example.org

IDIOMAS
Português — Nativo
Inglês — Avançado
PROGRAMAÇÃO
Python  Julia
MATLAB SQL
GEOPROCESSAMENTO
QGIS  ArcGIS
Leapfrog
Oasis Montaj
""")
    assert {"Python", "Julia", "MATLAB", "SQL", "GIS", "Leapfrog", "Oasis Montaj"} <= set(cv.skills)
    assert not {"PROGRAMAÇÃO", "GEOPROCESSAMENTO"} & set(cv.skills)


def test_skills_rows_among_languages_skip_level_rows_and_dated_entries() -> None:
    from ai_coach.cv.fields import skills_rows_among_languages

    assert skills_rows_among_languages(["Deutsch", "C2 – Muttersprache", "Englisch", "B2 – Gute Kenntnisse"]) == []
    # Certificates under a "Language" heading carry dates: entries, not a list.
    assert skills_rows_among_languages(["Saylor Academy", "Septembre 2021", "Enterprise Networking, Security",
                                        "CISCO", "Janvier 2021"]) == []
    blocks = skills_rows_among_languages(["Englisch", "C1 – Fortgeschritten", "KI & IT-KOMPETENZEN",
                                          "• Prompt Engineering", "• Maschinelles Lernen", "• MS Office / ECDL"])
    assert len(blocks) == 1 and "Prompt Engineering" in blocks[0]


def test_capitals_sub_headings_and_dated_rows_give_no_unknown_items() -> None:
    section = ("Frameworks and tools\n"
               "OFFICE / DESIGN\n"
               "Canva  Figma\n"
               "HTML\\CSS\n"
               "Appwrite, Supabase\n"
               "Juni 2019\n"
               "- Dez. 2020\n"
               "JUIN 2018  Chef de projet\n"
               "ERDAS IMAGINE 2014, Global Mapper, ILWIS\n")
    found = set(find_skills(section, ""))
    assert {"Canva", "Figma", "HTML", "CSS", "Appwrite", "ERDAS IMAGINE 2014", "Global Mapper"} <= found
    assert not {"OFFICE", "DESIGN", "Juni 2019", "Dez. 2020", "JUIN 2018", "Chef de projet"} & found
    # A section written all in capitals names its items that way: none of its rows is a sub-heading.
    assert {"TECNOMATIX", "PLANTSIMULATION"} <= set(find_skills("Simulation\nTECNOMATIX\nPLANTSIMULATION\nFLEXSIM", ""))


def test_personal_qualities_in_the_cv_language_are_not_skills() -> None:
    # Qualities listed among the skills, one a row or several a row, in the CV's own language (data/personal_qualities.tsv).
    for section in ("VJEŠTINE\nOrganizacija\nKomunikacija\nSamostalnost\nAutoCAD\n",
                    "Pontosság  Csapatjátékos  Rugalmasság\nMS Office  SketchUp  Allplan\n",
                    "Tenace, Adaptif, Empathique, Rigoureuse, Figma, Appwrite\n",
                    "Persistente  Persuasivo  Analítico\nAutónomo  Curioso  Flexible\nQGIS, Appwrite\n"):
        found = set(find_skills(section, ""))
        assert not {"Organizacija", "Komunikacija", "Samostalnost", "Pontosság", "Csapatjátékos", "Rugalmasság",
                    "Tenace", "Adaptif", "Empathique", "Rigoureuse", "Persistente", "Persuasivo", "Analítico",
                    "Autónomo", "Curioso", "Flexible"} & found, section
        assert found, section  # the row's skills are still read


def test_levels_in_the_cv_languages_are_not_items_and_a_label_with_only_a_level_is_the_item() -> None:
    found = set(find_skills("Zaawansowany. LATEX, GNU/Linux, Mathematica\nUnreal Engine 5 | Sprawny\n"
                            "Java - Junior  Python - Junior Plus\nKärnkoncept: Avancerad OOP, Appwrite\n", ""))
    assert {"LaTeX", "Mathematica", "Java", "Python", "Appwrite"} <= found
    assert not {"Zaawansowany. LATEX", "Sprawny", "Junior", "Junior Plus", "Avancerad OOP"} & found
    from ai_coach.cv.fields import skill_list_items

    assert skill_list_items("Outlook : Maîtrise") == ["Outlook"]
    assert skill_list_items("Docker: ●●●○○") == ["Docker"]
    assert skill_list_items("Frameworks: Django, Flask") == ["Django", "Flask"]
    assert "Base de données" in skill_list_items("Base de données, SQL, Oracle")


def test_and_of_the_cv_languages_splits_items_and_a_known_slashed_name_stays_one() -> None:
    from ai_coach.cv.fields import skill_list_items

    assert skill_list_items("Word, Excel e PowerPoint") == ["Word", "Excel", "PowerPoint"]
    assert skill_list_items("Upornost i ustrajnost, AutoCAD") == ["Upornost", "ustrajnost", "AutoCAD"]
    assert skill_list_items("Frameworks como VueJs, React, React-Native e") == ["Frameworks como VueJs", "React",
                                                                              "React-Native"]
    assert "e-commerce" in skill_list_items("e-commerce, SEO, CRM")
    assert skill_list_items("Git, Docker, CI/CD, Linux") == ["Git", "Docker", "CI/CD", "Linux"]
    assert skill_list_items("HTML/CSS, Git") == ["HTML", "CSS", "Git"]


def test_data_science_and_automation_name_the_field_in_a_list_not_in_a_sentence() -> None:
    # Loose spellings: a degree's or product's words ("Bachelor of Data Science", "Home-Automation System").
    found = set(find_skills("", "Bachelor of Data Science and AI, thesis in Python.\nDesigned a Home Automation "
                                "System with Docker.\n"))
    assert not {"Data Science", "Automation"} & found
    assert {"Data Science", "Automation"} <= set(find_skills("Data Science, Automation, Python", ""))


def test_words_that_title_a_group_of_skills_are_not_items() -> None:
    found = set(find_skills("Ferramentas\nAppwrite, Supabase, Vercel\nPrincipali  Secondarie\nFigma  Canva\n"
                            "Anwendungen\nConcepts  Domain-Driven Design, Appwrite\n", ""))
    assert {"Appwrite", "Figma", "Canva"} <= found
    assert not {"Ferramentas", "Principali", "Secondarie", "Anwendungen", "Concepts"} & found


def test_word_is_the_word_processor_and_a_product_capitalised_in_a_sentence_is_the_product() -> None:
    # "Word" beside Excel and Outlook is Microsoft Word, its own skill: a label "Word" or "MS Word" is matched by it,
    # and the suite stays a skill of its own.
    found = find_skills("Microsoft Office (Word, Excel, Outlook, Powerpoint)", "")
    assert {"Microsoft Office", "Word", "Microsoft Excel"} <= set(found)
    vocabulary = load_cv_vocabulary()
    assert vocabulary.canonical("MS Word") == vocabulary.canonical("Microsoft Word") == "Word"
    assert vocabulary.canonical("Power Point") == vocabulary.canonical("MS PowerPoint") == "PowerPoint"
    # A product matched only with its capital (Excel, Word) names the product in a sentence whatever its category;
    # in lower case it is the ordinary word, and a name that is ordinary even capitalised (Controlling) needs a list.
    found = set(find_skills("", "Auswertung von Daten mit Excel und SQL.\nWe excel at Controlling costs.\n"
                                "Spread the word about it.\nInformática básica: Word, Excel, Power Point, Corel Draw"))
    assert {"Microsoft Excel", "Word", "PowerPoint"} <= found
    assert "Controlling" not in found


def test_a_column_of_bulleted_phrases_closed_by_stops_is_a_list_of_skills() -> None:
    # Phrases the vocabulary does not know (a known one, "Diseño de logotipos", is found by its name anyway).
    column = "- Diseño de páginas web.\n- Rotulación de vehículos.\n- Serigrafía textil.\n- Diseño de cartelería.\n"
    found = set(find_skills(column, ""))
    assert {"Rotulación de vehículos", "Serigrafía textil", "Diseño de cartelería"} <= found
    assert "Diseño de páginas web" not in found  # four words: as often a sentence's fragment as a name
    # A phrase in sentence case counts by its place in a column only: beside other items on a row it is no name.
    assert "Serigrafía textil" not in find_skills("Serigrafía textil, Figma, Appwrite", "")
    # A sentence closed by a stop, not set as a bullet, gives no item.
    assert find_skills("Soy una persona luchadora y creativa.", "") == []


def test_a_skills_sub_heading_under_the_spoken_languages_heads_a_skills_list() -> None:
    from ai_coach.cv.parser import parse_rows
    from tests.cv_rows import line, stacked

    # "Kenntnisse & Fähigkeiten" with its groups set as sub-headings: "Fremdsprachen" reads as the languages
    # heading, and the office programs under "PC-Kenntnisse" come after the spoken languages in that section.
    texts = ["Amani Example", "amani@example.org", "Fremdsprachen", "Englisch (fortgeschritten)",
             "Arabisch (Muttersprache)", "PC-Kenntnisse", "Microsoft Office (Word, Excel, Outlook,", "Powerpoint)",
             "Persönliche Stärken", "Zuverlässigkeit, Administrationsfähigkeit, Flexibilität"]
    rows = stacked(*[[line(40, 800 - 14 * number, text, size=16 if number == 0 else 10,
                           bold=text in ("Fremdsprachen", "PC-Kenntnisse", "Persönliche Stärken"))]
                     for number, text in enumerate(texts)])
    skills = parse_rows(rows, "\n".join(texts)).skills
    assert {"Word", "Microsoft Outlook", "Microsoft Office"} <= set(skills)
    assert not {"Zuverlässigkeit", "Administrationsfähigkeit", "Flexibilität", "Englisch"} & set(skills)


def test_a_list_row_ending_with_and_carries_on_with_its_last_name_below() -> None:
    from ai_coach.cv.fields import join_wrapped_list_rows

    assert {"GPR GSSI", "LEICA DS200"} <= set(find_skills("Eletromagnéticos: GPR GSSI e\nLEICA DS200\n", ""))
    # Only a list's row (a label or commas in it) and a short row below: a sentence's "and" stays where it is.
    assert join_wrapped_list_rows(["Worked with Docker and", "Kubernetes"]) == ["Worked with Docker and", "Kubernetes"]
    assert join_wrapped_list_rows(["Tools: Git, Docker and", "A long sentence goes, on here"]) == [
        "Tools: Git, Docker and", "A long sentence goes, on here"]


def test_tags_whose_gap_the_layout_lost_give_each_product() -> None:
    found = set(find_skills("Plotly PyVista\nMatplotlib\nBokeh  Seaborn\n", ""))
    assert {"Plotly", "PyVista"} <= found and "Plotly PyVista" not in found
    # An employer's legal form is written with inner capitals too, and is no product.
    assert "GmbH" not in find_skills("DRK, ASB und cis GmbH, Kubernetes", "")


def test_programs_a_known_product_lists_in_parentheses_outside_the_skills_section_are_found() -> None:
    # "EDV – ZERTIFIKATE" read as part of another section: the row is one product with its programs in parentheses.
    found = set(find_skills("", "Kreativ  Loyal\nMS Office (Word, Excel,-\nPowerPoint, Teams)\nSAP S/4 HANA (MM&SD)\n"))
    assert {"Word", "Microsoft Excel", "PowerPoint"} <= found
    # Under a head the vocabulary does not know, or among mostly unknown items, the parentheses are no product's list.
    assert "PowerPoint" not in find_skills("", "Bäckerei (PowerPoint, Inkscape, Figma)\nPython (PowerPoint, Brot, Kuchen)\n")
    assert "PowerPoint" in find_skills("", "Python (PowerPoint, Inkscape, Figma)\n")


def test_a_skill_word_at_the_head_of_an_employers_name_is_no_skill_when_a_slash_follows_the_legal_form() -> None:
    # "… GmbH/Hamburg", "… AG/Zürich": the employer and its town written with a slash, as with a comma.
    found = set(find_skills("", "Werkstudent bei MIPS Deutschland GmbH/Hamburg\nEmulated devices in QEMU.\n"))
    assert "QEMU" in found
    assert "MIPS" not in found


# Eighth pass (stop 33): extras of unseen CVs, each a general property of CVs.
def test_a_rows_label_naming_a_field_titles_its_items_and_is_no_skill_of_its_own() -> None:
    found = set(find_skills("Bases de Datos: MySQL, MongoDB, Redis\nFrontend Development: React, Vue\n", ""))
    assert {"MySQL", "MongoDB", "React"} <= found
    assert not {"Databases", "Frontend Development"} & found
    # A suite before its programs, and a name before its level, stay what they are.
    assert "Microsoft Office" in find_skills("Microsoft Office: Word, Excel, PowerPoint\n", "")
    assert "Python" in find_skills("Python: Intermediate level\n", "")
    # A field named as an item of the list is a claim.
    assert "Databases" in find_skills("Skills: Databases, Git, Docker\n", "")


def test_unknown_items_of_a_row_of_soft_skills_are_qualities() -> None:
    found = set(find_skills("Otras: Trabajo en equipo, Comunicación, Adaptabilidad, Curiosidad ilimitada\n", ""))
    assert "Curiosidad ilimitada" not in found
    # The nouns of personal qualities in the CV languages are qualities too, wherever they are listed.
    found = set(find_skills("• Carpintaria\n• Alvenaria\n• Responsabilidade\n• Proatividade\n• Trabalho em equipe\n", ""))
    assert {"Carpintaria", "Alvenaria"} <= found
    assert not {"Responsabilidade", "Proatividade", "Trabalho em equipe"} & found


def test_short_parts_of_a_sentence_with_commas_are_no_names() -> None:
    row = "• Simulation: signal testing with the OP, Transient, and AC Sweep analyses in\n"
    assert "Transient" not in find_skills(row, "")
    assert "Transient" in find_skills("Analyses: OP, Transient, AC Sweep\n", "")


def test_a_group_title_run_into_an_item_or_a_sentence_break_is_no_skill() -> None:
    found = set(find_skills("Sonstiges Emacs, Git und Linux\nAI nástroje (ChatGPT)\nTools: Perl, XHTML. Używane\n", ""))
    assert {"Emacs", "Git", "Linux", "Perl"} <= found
    assert not {"Sonstiges Emacs", "AI nástroje", "XHTML. Używane"} & found
    # A field's word at the end of a phrase is part of the skill's name.
    assert "Diseño de aplicaciones" in find_skills("- Diseño de logotipos.\n- Diseño de aplicaciones.\n- Imagen de marca.\n", "")


def test_a_level_word_of_czech_or_polish_is_cut_from_the_item() -> None:
    found = set(find_skills("Front-end: Základy HTML, CSS, Podstawy Figma\n", ""))
    assert {"HTML", "CSS", "Figma"} <= found
    assert not {"Základy HTML", "Podstawy Figma"} & found


def test_a_persons_name_below_the_list_is_no_skill() -> None:
    found = set(find_skills("• Jardinagem\n• Alvenaria\n• Pintura\n\nMaria Fernanda Costa\n", ""))
    assert "Maria Fernanda Costa" not in found


def test_usual_names_of_known_skills_missing_from_the_data_are_read() -> None:
    found = set(find_skills("Logiciels : R, Stata, Python\nIngeniería de Datos: Apache NiFi, n8n, ETL\n", ""))
    assert {"R", "Stata", "Python", "Apache NiFi"} <= found
    assert "Apache HTTP Server" not in found  # "Apache" of "Apache NiFi" is not the web server
    assert "Stata" not in find_skills("", "La tesi è stata scritta in Python e R.\n")
    assert "Windows" in find_skills("Systems: WinXP, Linux, Solaris\n", "")
    assert "State Machines" in find_skills("", "Designed a Finite State Machine in VHDL for the FPGA clock.\n")


def test_a_french_capital_printed_without_its_accent_names_the_same_skill() -> None:
    # "Économétrie" is printed "Econométrie" at the start of an item, as French capitals often are.
    assert "Econometrics" in find_skills("Compétences : Econométrie, Statistique, SQL\n", "")
    assert "Electronics" in find_skills("Domaines : Electronique, Automatique, C\n", "")


def test_a_schools_or_a_degrees_name_is_no_skill() -> None:
    text = ("Education\nBachelor of Science in Software Engineering, May 2013\nCollege für Elektronik, Nowosibirsk\n"
            "Relevant coursework: Embedded Systems, Calculus, Statistics\n")
    found = set(find_skills("", text))
    assert "Embedded Systems" in found
    assert not {"Software Engineering", "Electronics"} & found
    # A job title with "master" in it names no degree.
    assert "Scrum" in find_skills("", "Scrum master & software developer  Feb 2023 – Dec 2023\n")


def test_jest_in_lower_case_is_the_polish_is() -> None:
    assert "Jest" not in find_skills("", "Piszę w Pythonie, kod jest dobrze napisany.\n")
    assert "Jest" in find_skills("Testing: Jest, Cypress, Playwright\n", "")


def test_a_driving_licence_or_a_pastime_listed_among_the_skills_is_no_skill() -> None:
    found = set(find_skills("Vaardigheden: Python, Excel, Rijbewijs AM, B\nFähigkeiten: SAP, Führerschein B, Lesen, Reisen\n"
                            "Interessen: Python, Strategy Games, Kirándulás\n", ""))
    assert {"Python", "SAP"} <= found
    assert not {"Rijbewijs AM", "B", "Führerschein B", "Lesen", "Reisen", "Strategy Games", "Kirándulás"} & found
    # A trade's work is a skill even when others keep it as a pastime.
    assert "Jardinagem" in find_skills("• Jardinagem\n• Alvenaria\n• Pintura residencial\n", "")


def test_an_everyday_product_opening_a_longer_name_is_the_vendor_not_the_product() -> None:
    found = set(find_skills("Compétence technique : QGIS, ArcGIS, Python, Google Earth Engine\n", ""))
    assert {"GIS", "Python", "Google Earth Engine"} <= found  # the product, as the page names it
    assert "Google" not in found
    assert "LinkedIn" in find_skills("Tools: LinkedIn, Hootsuite, Canva\n", "")


def test_a_publications_heading_in_the_cv_languages_ends_the_list_above_it() -> None:
    cv = parse_cv_text(
        "Claire Exemple\nclaire@example.org | +33 6 12 34 56 78 | Lyon\n\n"
        "Compétences\nLogiciels : R, Stata, Python, SQL\n\n"
        "Articles scientifiques\n"
        "2021 : « Taxation, investment and growth in the franc zone », Journal of Economics\n"
        "2020 : « Taxes et investissement public : UEMOA et CEMAC »\n")
    assert {"R", "Stata", "Python", "SQL"} <= set(cv.skills)
    assert not {"Taxation", "Investment"} & set(cv.skills)
