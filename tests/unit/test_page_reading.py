"""read_page: postings read from pages without structured data, and pages refused as not postings.

Every page here is written in the test; what is expected is what a person reading the page sees.
"""

from __future__ import annotations

import lxml.html
import pytest

from common.pay import PayPeriod
from discovery_service.domain import RemoteType
from discovery_service.web.page_reading import NotAPosting, PageReading, read_page

URL = "https://careers.example.org/jobs/17"


def read(html: str, url: str = URL) -> PageReading:
    return read_page(lxml.html.document_fromstring(html), url)


NAV = """<nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li>
<li><a href="/careers">Careers</a></li><li><a href="/contact">Contact</a></li></ul></nav>"""
FOOTER = """<footer><h4>Quick Links</h4><ul><li><a href="/privacy">Privacy</a></li></ul>
<p>© 2024 Northwind Robotics GmbH. All rights reserved.</p></footer>"""

# The page of the issue: no <title>, no structured data, the job title an <h2>, company, place and pay
# only in the text.
ISSUE_PAGE = f"""<html lang="en"><head><meta charset="utf-8"></head><body>{NAV}
<div class="hero"><h2>Senior Backend Engineer</h2>
<p class="meta">Northwind Robotics · Hamburg, Germany</p><a class="btn" href="/apply/17">Apply now</a></div>
<div class="job-body">
<p>Northwind Robotics builds warehouse robots used by 300 companies. We are looking for a backend engineer
to own the fleet-management services that keep our robots moving.</p>
<h3>Responsibilities</h3>
<ul><li>Design and run the services that plan robot routes, in Python and Go.</li>
<li>Keep the fleet API fast, observable and reliable, with on-call shared across the team.</li></ul>
<h3>Requirements</h3>
<ul><li>5+ years building backend services, 3+ of them in Python.</li>
<li>Experience with PostgreSQL, Kafka and Kubernetes.</li></ul>
<h3>What we offer</h3>
<p>Salary: €75,000 – €90,000 gross per year, 30 days of holiday and a €1,000 yearly learning budget.</p>
</div>{FOOTER}</body></html>"""


def test_the_issues_page_gives_the_posting_that_is_plainly_there() -> None:
    reading = read(ISSUE_PAGE)
    assert reading.title == "Senior Backend Engineer"
    assert reading.company == "Northwind Robotics"
    assert reading.locations == ["Hamburg, Germany"]
    pay = reading.pay
    assert pay is not None
    assert (pay.min, pay.max, pay.currency, pay.period, pay.gross) == (
        75_000,
        90_000,
        "EUR",
        PayPeriod.YEAR,
        True,
    )
    assert reading.description_text.startswith("Northwind Robotics builds warehouse robots")
    assert "Responsibilities\n\n- Design and run the services" in reading.description_text
    assert "Privacy" not in reading.description_text and "Home" not in reading.description_text
    assert "<li>Design and run the services" in reading.description_html
    assert reading.inferred == ["title", "company", "locations", "salary", "description"]


BLOG_POST = f"""<html lang="en"><head><title>Engineering blog: How we cut our build times in half</title>
<meta property="og:type" content="article"><meta property="og:site_name" content="Northwind Engineering"></head>
<body>{NAV}<article><h1>How we cut our build times in half</h1><p class="byline">Posted by Ada, March 3, 2024</p>
<p>Our monorepo had grown to 4 million lines, and a full build took 40 minutes on a good day. This post explains
how caching, remote execution and a few careful refactors brought that down to 18 minutes.</p>
<h2>Caching first</h2><p>The first step was to make every build step hermetic, so that its outputs could be cached
and shared between laptops and CI. That alone saved a third of the time.</p>
<h2>Remote execution</h2><p>Then we moved the slowest test suites to remote executors. They cost us about $400 per
month, which is far less than the time our engineers used to spend waiting.</p>
<p>Comments are closed. Share this post.</p></article>{FOOTER}</body></html>"""

HOME_PAGE = f"""<html><head><title>Northwind Robotics</title></head><body>{NAV}
<section><h1>Robots that run your warehouse</h1><p>Northwind Robotics builds autonomous robots for warehouses
of every size, with software that plans routes, balances loads and keeps people safe.</p>
<h2>Our services</h2><ul><li>Fleet planning</li><li>Maintenance</li><li>Training</li></ul>
<h2>Download the app</h2><p>Watch your fleet from anywhere with the Northwind app for iOS and Android.</p>
<p>Want to build robots with us? See our <a href="/careers">open positions</a>.</p></section>{FOOTER}</body></html>"""

NOT_FOUND = f"""<html><head><title>Job offer — Northwind Robotics</title></head><body>{NAV}
<main><h1>Job not found</h1><p>This job offer is no longer available or has already been filled.</p>
<a href="/careers">See all open positions</a>
<h2>Apply now</h2><form><label>First name</label><input name="first"><label>CV</label><input type="file">
<button>Send application</button></form></main>{FOOTER}</body></html>"""

NO_OPENINGS = f"""<html><head><title>Careers - Northwind</title></head><body>{NAV}
<main><h1>Careers</h1><p>There are no open positions at the moment. You are welcome to send us a spontaneous
application at jobs@northwind.example.</p></main>{FOOTER}</body></html>"""


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (BLOG_POST, "does not read as a job posting"),
        (HOME_PAGE, "does not read as a job posting"),
        (NOT_FOUND, "the page says the job is not available: 'Job not found'"),
        (NO_OPENINGS, "the page says the job is not available"),
        ("<html><body><p>Welcome!</p></body></html>", "no heading or title that names a job"),
    ],
    ids=["blog post", "home page", "job not found", "no openings", "nearly empty"],
)
def test_pages_that_are_plainly_not_a_posting_are_refused_with_a_reason(html: str, reason: str) -> None:
    with pytest.raises(NotAPosting) as refused:
        read(html)
    assert reason in refused.value.reason


def test_hidden_blocks_do_not_count() -> None:
    # A page whose "not found" message is hidden and whose posting is shown reads as the posting.
    html = ISSUE_PAGE.replace(
        '<div class="hero">',
        '<div hidden><h1>Job not found</h1><p>No longer available.</p></div><div class="hero">',
    )
    assert read(html).title == "Senior Backend Engineer"


def test_title_from_a_page_title_when_the_headings_only_name_the_site() -> None:
    html = f"""<html><head><title>Account Associate | Careers at Northwind</title></head><body>{NAV}
    <h1 class="sr-only">Mobile navigation</h1><div class="content">
    <p>Account Associate</p><p>San Francisco, California, United States</p>
    <p>We are looking for an account associate to grow our customer base. You will meet customers, understand
    their needs and pass qualified opportunities to our account directors.</p>
    <h3>Requirements</h3><ul><li>2+ years in sales, ideally selling software.</li></ul>
    <a href="/apply">Apply</a></div></body></html>"""
    reading = read(html)
    assert reading.title == "Account Associate"
    assert reading.locations == ["San Francisco, California, United States"]
    assert reading.description_text.startswith("We are looking for an account associate")


def test_board_page_titles_give_company_title_and_place_but_never_the_boards_name() -> None:
    html = """<html><head>
    <title>Talan hiring Architecte Infrastructure Azure H/F - CDI in Toulouse, Occitanie, France | LinkedIn</title>
    <meta property="og:site_name" content="LinkedIn"></head><body>
    <h1>Architecte Infrastructure Azure H/F - CDI</h1><h4>Talan Toulouse, Occitanie, France</h4>
    <div class="description__text"><p>Talan est un groupe international de conseil en transformation et en innovation
    par la technologie, créé en 2002.</p><p>Vos missions : concevoir et implémenter des solutions d'infrastructure
    sur Azure, assurer la migration des services existants vers le cloud.</p>
    <h3>Qualifications</h3><ul><li>Au moins 5 ans d'expérience dans un rôle similaire.</li></ul></div>
    <ul class="criteria"><li><h3>Employment type</h3><span>Full-time</span></li></ul>
    <section class="similar-jobs"><h2>Similar jobs</h2><p>Architecte Cloud — Capgemini — €27,000.00 - €29,000.00</p>
    </section></body></html>"""
    reading = read(html)
    assert (reading.title, reading.company) == ("Architecte Infrastructure Azure H/F - CDI", "Talan")
    assert reading.locations == ["Toulouse, Occitanie, France"]
    assert reading.employment_type == "FULL_TIME"
    assert reading.pay is None  # the pay listed under "Similar jobs" belongs to another job
    assert reading.description_text.startswith("Talan est un groupe international")
    assert "Similar jobs" not in reading.description_text


def test_company_and_place_written_together_under_the_title_are_told_apart() -> None:
    html = """<html lang="de"><head><title>Video Editor - ICON Studio Mönchengladbach</title></head><body>
    <header><h1>Video Editor</h1><p class="subtitle">ICON Studio Mönchengladbach</p>
    <p>Du bist kreativ, hast Skills in der Videobearbeitung und willst Teil unseres Teams werden? Dann suchen wir
    dich für unser Produktionsteam.</p></header>
    <main class="content"><h2>Deine Mission</h2><ul><li>Studio-Produktionen bearbeiten und veröffentlichen.</li>
    <li>Videos für YouTube, TikTok und Instagram schneiden, jede Woche neue Formate.</li></ul>
    <h2>Was wir bieten</h2><p>Monatlich 2.200 € brutto, pünktlich auf deinem Konto.</p>
    <p>Ziehst du nach Mönchengladbach? Wir helfen dir beim Umzug.</p><a href="/bewerbung">Jetzt bewerben</a></main>
    </body></html>"""
    reading = read(html)
    assert (reading.company, reading.locations) == ("ICON Studio", ["Mönchengladbach"])
    assert reading.description_text.startswith("Du bist kreativ, hast Skills")
    assert "Deine Mission" in reading.description_text
    pay = reading.pay
    assert pay is not None and (pay.min, pay.max, pay.currency, pay.period, pay.gross) == (
        2200, 2200, "EUR", PayPeriod.MONTH, True,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ("Standort: Berlin", ["Berlin"]),
        ("Location: Remote, EU", ["Remote, EU"]),
        ("Lieu : Lyon", ["Lyon"]),
    ],
)
def test_a_labelled_location_line(meta: str, expected: list[str]) -> None:
    html = ISSUE_PAGE.replace("Northwind Robotics · Hamburg, Germany", meta)
    assert read(html).locations == expected


@pytest.mark.parametrize(
    ("line", "remote_type"),
    [("Remote", RemoteType.REMOTE), ("Hybrid", RemoteType.HYBRID), ("On-site", RemoteType.ON_SITE)],
)
def test_remote_when_the_header_says_so(line: str, remote_type: RemoteType) -> None:
    html = ISSUE_PAGE.replace("Northwind Robotics · Hamburg, Germany", f"Hamburg, Germany · {line}")
    assert read(html).remote_type is remote_type


def test_remote_stays_unknown_when_the_page_does_not_say() -> None:
    assert read(ISSUE_PAGE).remote_type is RemoteType.UNKNOWN


def test_employment_type_from_a_labelled_entry() -> None:
    html = ISSUE_PAGE.replace('<p class="meta">', '<ul><li>Job Type: Part time</li></ul><p class="meta">')
    reading = read(html)
    assert reading.employment_type == "PART_TIME"
    assert "employment_type" in reading.inferred


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><h1>Engineer</h1>"
        + "<div>" * 2000
        + "<p>Apply now. Requirements, responsibilities.</p>"
        + "</div>" * 2000
        + "</body></html>",
        "<html><body><h1>Engineer</h1>"
        + "<p>Apply. Requirements, responsibilities, what we offer.</p>" * 3000
        + "</body></html>",
        "<html><body><h2>" + "Engineer " * 5000 + "</h2><p>" + "x" * 100_000 + "</p></body></html>",
    ],
    ids=["deep", "long", "giant heading"],
)
def test_hostile_pages_give_a_reading_or_a_refusal(html: str) -> None:
    try:
        reading = read(html)
    except NotAPosting as refused:
        assert refused.reason
    else:
        assert reading.title and len(reading.title) <= 150


def test_a_line_of_job_facts_is_not_taken_for_a_place() -> None:
    html = ISSUE_PAGE.replace(
        "Northwind Robotics · Hamburg, Germany", "Full-time, Permanent · Senior, Backend"
    )
    assert read(html).locations == []


@pytest.mark.parametrize(
    "footer",
    ["Copyright © 2018 - 2024 Northwind Robotics. All rights reserved.", "(c) 2024 Northwind Robotics"],
)
def test_the_company_in_a_copyright_line_is_a_name_not_a_year(footer: str) -> None:
    html = ISSUE_PAGE.replace("Northwind Robotics · Hamburg, Germany", "Hamburg, Germany").replace(
        "© 2024 Northwind Robotics GmbH. All rights reserved.", footer
    )
    assert read(html).company == "Northwind Robotics"


# ---- pages nobody wrote rules for: other scripts, styled titles, chips, lists, labelled fields ----

CHINESE_BOARD_PAGE = """<html lang="zh"><head><title>「数据分析师（上海）招聘」_云杉科技招聘</title></head><body>
<div class="job-banner"><h1>数据分析师（上海）</h1><span class="salary">20-35K·13薪</span>
<p>上海 3-5年 本科</p><a class="btn" href="#">立即沟通</a></div>
<div class="job-detail"><h3>职位描述</h3><div class="job-sec-text">岗位职责：<br>1.负责用户增长相关的数据分析与报表建设；<br>
2.与产品、运营团队合作，设计并评估实验；<br>任职要求：<br>1.统计学或计算机相关专业本科及以上学历；<br>2.熟练使用SQL和Python。</div></div>
</body></html>"""


def test_a_chinese_board_page_gives_title_and_pay_without_a_currency_sign() -> None:
    reading = read(CHINESE_BOARD_PAGE)
    assert reading.title == "数据分析师（上海）"
    pay = reading.pay
    assert pay is not None
    # "20-35K" is the pay line under the title; the page shows no currency and no period.
    assert (pay.min, pay.max, pay.currency, pay.period) == (20_000, 35_000, None, PayPeriod.UNKNOWN)
    assert reading.description_text.startswith("岗位职责")


ARABIC_PORTAL_PAGE = """<html dir="rtl"><head><title>بوابة التوظيف الحكومي</title></head><body>
<h1>بوابة التوظيف الحكومي</h1><table><tr><td class="title">تفاصيل الوظيفة الشاغرة</td></tr>
<tr><td><span id="lblJobTitle">محاسب رئيسي</span><span id="lblDept"> / وزارة المالية</span></td></tr>
<tr><td>سنوات الخبرة : 5</td></tr><tr><td>المؤهلات العلمية : بكالوريوس محاسبة</td></tr>
<tr><td>متطلبات إشغال الوظيفة الشاغرة : خبرة لا تقل عن خمس سنوات في إعداد القوائم المالية والتدقيق الداخلي.</td></tr>
</table></body></html>"""


def test_a_title_set_in_a_labelled_span_beats_the_portals_own_heading() -> None:
    reading = read(ARABIC_PORTAL_PAGE)
    assert reading.title == "محاسب رئيسي"  # the <h1> and <title> only name the portal
    assert reading.company == "وزارة المالية"  # written after the title on its line: "title / ministry"
    assert "title" in reading.inferred and "company" in reading.inferred


STYLED_TITLE_PAGE = """<html><head><title>Page title</title></head><body>
<div class="vacancy"><p class="vacancy__title h2">Инженер-конструктор</p>
<ul class="vacancy__conditions"><li>Опыт работы 1-3 года</li><li>Полная занятость</li></ul>
<div class="vacancy__salary"><span class="sum">95 000 ₽</span> <span>на руки</span></div>
<a class="button" href="#form">Откликнуться</a></div>
<div class="vacancy__description"><p>Проектирование узлов и деталей станков, подготовка конструкторской документации,
сопровождение изделий в производстве.</p><p>Работа в конструкторском бюро завода, пятидневная рабочая неделя.</p></div>
</body></html>"""


def test_a_title_in_a_styled_paragraph_with_chips_and_net_pay() -> None:
    reading = read(STYLED_TITLE_PAGE, url="https://jobs.example.test/17")
    assert reading.title == "Инженер-конструктор"
    assert reading.employment_type == "FULL_TIME"
    pay = reading.pay
    assert pay is not None and (pay.min, pay.currency, pay.gross) == (95_000, "RUB", False)
    assert reading.company == ""  # "Page title" names no one, and neither does a reserved host
    assert reading.description_text.startswith("Проектирование узлов")


LIST_PAGE = f"""<html><head><title>Careers – Harbor Logistics</title></head><body>{NAV}
<h1>12 open positions in Rotterdam</h1><p>We are growing and hiring for our warehouse and office teams.</p>
<div class="job"><h3>Warehouse Operator (m/w/d)</h3><p>Full-time · Rotterdam</p><h4>Tasks</h4>
<ul><li>Pick and pack orders for our retail customers, accurately and on time.</li></ul><a href="mailto:jobs@harbor.example">Apply</a></div>
<div class="job"><h3>Forklift Driver</h3><p>Full-time · Rotterdam</p><h4>Tasks</h4>
<ul><li>Move pallets between the docks and the high racks, safely.</li></ul><a href="mailto:jobs@harbor.example">Apply</a></div>
<div class="job"><h3>Customer Service Representative</h3><p>Part-time · Rotterdam</p><h4>Tasks</h4>
<ul><li>Answer customers' questions about deliveries by phone and e-mail.</li></ul><a href="mailto:jobs@harbor.example">Apply</a></div>
{FOOTER}</body></html>"""


def test_a_page_that_lists_several_jobs_is_refused() -> None:
    with pytest.raises(NotAPosting) as refused:
        read(LIST_PAGE)
    assert "lists several jobs" in refused.value.reason


def test_a_job_heading_with_a_similar_jobs_list_below_is_still_one_posting() -> None:
    page = LIST_PAGE.replace("<h1>12 open positions in Rotterdam</h1>", "<h1>Shift Supervisor (m/w/d)</h1>")
    assert read(page).title == "Shift Supervisor (m/w/d)"


AT_COMPANY_PAGE = """<html><head><title>Data Engineer at Lumen Labs | StartupJobs Weekly</title>
<meta property="og:site_name" content="StartupJobs Weekly"></head><body>
<div class="header"><h1>Data Engineer at <a href="/c/lumen">Lumen Labs</a><span class="batch">(W24)</span></h1>
<div><span class="chip">Berlin, Germany</span><span class="chip">Remote (EU)</span><span class="chip">Full-time</span></div>
<div>€70K - €85K</div></div>
<div class="posting"><div class="about"><div class="label">About Lumen Labs</div><div class="prose"><p>Lumen Labs builds tools that let
hospitals share imaging data safely. We are twelve people, funded, and growing.</p></div></div>
<div class="role"><div class="label">About the role</div><div class="prose"><p>You will own the pipelines that bring
scans from partner hospitals into our platform, with Python, Airflow and Postgres, and keep them fast.</p>
<p>You will work with our two founders and the clinical team, and help us choose what to build next.</p></div></div>
</div></body></html>"""


def test_title_at_company_chips_and_a_description_in_sibling_sections() -> None:
    reading = read(AT_COMPANY_PAGE)
    assert (reading.title, reading.company) == ("Data Engineer", "Lumen Labs")  # not the site's name
    assert reading.remote_type is RemoteType.REMOTE  # the "Remote (EU)" chip, apart from "Full-time"
    assert reading.employment_type == "FULL_TIME"
    pay = reading.pay
    assert pay is not None and (pay.min, pay.max, pay.currency) == (70_000, 85_000, "EUR")
    assert reading.description_text.startswith("About Lumen Labs")  # both sections, not only the longest
    assert "About the role" in reading.description_text


@pytest.mark.parametrize(
    "facts",
    [
        "<dl><dt>Location</dt><dd>Graz, Styria, Austria</dd><dt>Job type</dt><dd>Full-time</dd></dl>",
        "<p>Location Graz, Styria, Austria</p><p>Type of Employment Full-time</p>",
        "<table><tr><th>Standort</th><td>Graz, Styria, Austria</td></tr><tr><th>Arbeitszeit</th><td>Vollzeit</td></tr></table>",
    ],
)
def test_labelled_facts_with_the_value_beside_or_below_the_label(facts: str) -> None:
    html = ISSUE_PAGE.replace('<p class="meta">Northwind Robotics · Hamburg, Germany</p>', facts)
    reading = read(html)
    assert reading.locations == ["Graz, Styria, Austria"]
    assert reading.employment_type == "FULL_TIME"


def test_pay_from_a_labelled_field_without_a_currency() -> None:
    html = ISSUE_PAGE.replace(
        "<p>Salary: €75,000 – €90,000 gross per year, 30 days of holiday and a €1,000 yearly learning budget.</p>",
        "<dl><dt>Salary</dt><dd>60K - 70K</dd></dl>",
    )
    pay = read(html).pay
    assert pay is not None and (pay.min, pay.max, pay.currency) == (60_000, 70_000, None)


def test_an_apply_button_outside_the_description_still_counts() -> None:
    page = """<html><head><title>Vacancy details</title></head><body>
    <h1>Senior Software Engineer</h1><div class="skills"><h3>Skills &amp; Requirements:</h3>
    <ul><li>Deep knowledge of C# from architecture to low-level optimisation.</li>
    <li>Experience with SQL Server and PostgreSQL, and with multithreading.</li></ul></div>
    <form><h2>Apply for this position</h2><input name="cv" type="file"><button>Apply</button></form></body></html>"""
    reading = read(page)
    assert reading.title == "Senior Software Engineer"
    assert reading.description_text.startswith("Skills & Requirements:")


def test_a_posting_with_its_other_openings_listed_under_it_is_one_posting() -> None:
    page = f"""<html><head><title>Careers</title></head><body>{NAV}
    <h2>Backend Engineer</h2><p>Full-time · Leipzig, Germany</p>
    <p>We are looking for a backend engineer to build the services behind our booking app, in Go and PostgreSQL.
    You will own the payments service and its on-call rotation, together with two other engineers.</p>
    <h3>Requirements</h3><ul><li>Three years of backend work in Go, Java or Python.</li></ul>
    <h2>Other openings</h2><h2>QA Engineer</h2><p>Part-time</p><h2>Product Designer</h2><p>Full-time</p>{FOOTER}</body></html>"""
    assert read(page).title == "Backend Engineer"


def test_employment_type_named_only_in_the_title() -> None:
    html = ISSUE_PAGE.replace(
        "<h2>Senior Backend Engineer</h2>", "<h2>Senior Backend Engineer (Teilzeit)</h2>"
    )
    assert read(html).employment_type == "PART_TIME"
    assert read(ISSUE_PAGE).employment_type == ""  # stated nowhere: left empty


def test_location_from_the_pages_place_meta_tag_when_the_text_names_none() -> None:
    html = ISSUE_PAGE.replace("Northwind Robotics · Hamburg, Germany", "Northwind Robotics").replace(
        '<meta charset="utf-8">', '<meta charset="utf-8"><meta name="geo.placename" content="Bremen">'
    )
    assert read(html).locations == ["Bremen"]


# ---- pages whose own heading is generic, trades and care jobs, offer tables (issue 16, dev batch 3) ----


def test_a_generic_page_heading_gives_way_to_the_job_title_under_it() -> None:
    # "Vacancy details" as the <h1>, "{job} - {company}" on the line under it: the job is the title
    reading = read(
        """<html><head><title>Detalhes da Vaga - Padaria Estrela</title></head><body>
        <section><h1>Detalhes da Vaga</h1><p>Auxiliar de Cozinha - Padaria Estrela</p></section>
        <section><h3>Requisitos</h3><ul><li>Experiência em cozinha industrial</li></ul>
        <h3>Responsabilidades</h3><ul><li>Preparar massas e recheios todos os dias</li></ul>
        <h2>Benefícios</h2><ul><li>Vale-transporte e refeição no local</li></ul>
        <a href="/candidatar">Candidatar-se agora</a></section></body></html>"""
    )
    assert reading.title == "Auxiliar de Cozinha"
    assert reading.company == "Padaria Estrela"


def test_a_labelled_title_field_names_the_job_of_an_offer_table() -> None:
    reading = read(
        """<html><body><h2>Offres d'emploi du service public</h2>
        <table><tr><td>Intitulé du poste</td><td>agent d'entretien</td></tr>
        <tr><td>Type de contrat</td><td>CDD - 6 mois</td></tr>
        <tr><td>Temps de travail</td><td>Temps partiel - 24H/SEMAINE</td></tr>
        <tr><td>Lieu de travail</td><td>SAINT HERBLAIN</td></tr>
        <tr><td>Descriptif du poste</td><td><ul><li>Nettoyage des bureaux</li><li>Sortie des poubelles</li></ul></td></tr>
        <tr><td>Profil recherché</td><td>Une première expérience est souhaitée</td></tr></table>
        <p>Postuler : envoyez votre CV par e-mail.</p></body></html>"""
    )
    assert reading.title == "agent d'entretien"
    assert reading.locations == ["SAINT HERBLAIN"]
    assert reading.employment_type == "PART_TIME"
    assert reading.description_text.startswith("- Nettoyage des bureaux")


def test_a_hospitality_vacancy_in_russian_is_a_posting() -> None:
    # the role noun is not an office one, and the wording names two sections of one family
    reading = read(
        """<html><body><h2>Вакансия Повар</h2>
        <p>Приглашаем на работу ответственных людей на должность повара в наше кафе.</p>
        <h3>Ты будешь заниматься:</h3><ul><li>Приготовлением блюд по технологическим картам</li></ul>
        <h3>Мы предлагаем тебе:</h3><ul><li>Стабильную заработную плату</li></ul></body></html>"""
    )
    assert reading.title == "Вакансия Повар"


def test_a_one_vacancy_job_board_page_in_spanish_is_a_posting_without_its_label() -> None:
    reading = read(
        """<html><head><title>Bolsa de Trabajo - Panadería Sol</title></head><body>
        <h1>Bolsa de Trabajo</h1><div class="vacante"><h2>Panadero/a</h2>
        <p><strong>Descripción:</strong> Buscamos un panadero con experiencia en pan artesanal y bollería.</p>
        <p><strong>Requisitos:</strong></p><ul><li>Experiencia previa en un puesto similar.</li></ul>
        <p><strong>Ubicación:</strong> Celaya</p>
        <p><strong>Cómo aplicar:</strong> Envía tu currículum a empleo@example.org</p></div></body></html>"""
    )
    assert reading.title == "Panadero/a"
    assert reading.company == "Panadería Sol"
    assert reading.locations == ["Celaya"]
    assert reading.description_text.startswith("Buscamos un panadero")


def test_two_roles_under_an_open_positions_heading_are_a_list() -> None:
    with pytest.raises(NotAPosting, match="lists several jobs"):
        read(
            """<html><body><h1>Komm in unser Team!</h1><p>Handwerk mit Zukunft in einem familiären Betrieb.</p>
            <h2>Offene Stellenangebote</h2>
            <h3>Dachdecker (m/w/d)</h3><p>Du arbeitest gern im Freien und packst mit an?</p><a href="#f">Jetzt bewerben</a>
            <h3>Azubi Dachdecker (m/w/d)</h3><p>Starte deine Ausbildung bei uns.</p><a href="#f">Jetzt bewerben</a>
            <h2>Wir bieten</h2><p>Faire Bezahlung, Weiterbildung und ein tolles Team.</p></body></html>"""
        )


def test_the_company_named_in_an_about_heading() -> None:
    reading = read(
        """<html><head><title>Data Engineer</title></head><body><h1>Data Engineer</h1>
        <p>We're seeking a data engineer to build our pipelines.</p>
        <h2>About Quillbyte</h2><p>Quillbyte helps hospitals search their records, with 40 people in two offices.</p>
        <h2>Requirements</h2><ul><li>3+ years with Python and SQL</li></ul>
        <p>To apply, email jobs@quillbyte.example</p></body></html>""",
        url="https://jobs.example.test/1",
    )
    assert reading.company == "Quillbyte"


def test_a_headings_small_subtitle_is_the_header_not_the_title() -> None:
    reading = read(
        """<html><body><h2>Apply</h2>
        <h1>Journeyman Plumber <small>Full-Time<br>Sacramento, CA – Stockton, CA</small></h1>
        <h5>About Delta Pipes, Inc.</h5><p>A family owned plumbing business serving the valley for 30 years.</p>
        <h5>Job Description</h5><p>We are seeking a licensed plumber for service and new construction work.</p>
        </body></html>""",
        url="https://jobs.example.test/2",
    )
    assert reading.title == "Journeyman Plumber"
    assert reading.employment_type == "FULL_TIME"
    assert reading.locations == ["Sacramento, CA"]
    assert reading.company == "Delta Pipes, Inc."


def test_a_labelled_place_inside_a_chip_row() -> None:
    reading = read(
        """<html><head><title>Stellenausschreibung – Pflegedienst Sonne UG</title></head><body>
        <h1>Stellenausschreibung</h1><p>Pflegefachkraft (m/w/d) in Teilzeit</p>
        <p>Beginn: ab sofort | Arbeitsort: Landkreis Görlitz</p>
        <h2>Deine Aufgaben</h2><ul><li>Versorgung unserer Klientinnen und Klienten zu Hause</li></ul>
        <h2>Wir bieten Dir</h2><ul><li>30 Tage Urlaub</li></ul></body></html>"""
    )
    assert reading.title == "Pflegefachkraft (m/w/d) in Teilzeit"
    assert reading.locations == ["Landkreis Görlitz"]
    assert reading.company == "Pflegedienst Sonne UG"


# ---- causes found on the fresh dev pages p53-p66 (each test page is made up) ----------------------


def test_a_dutch_compound_role_noun_with_dutch_sections_is_a_posting() -> None:
    page = """<html><head><title>Eetcafé De Zon - Utrecht</title></head><body>
    <h2>Servicemedewerker parttime</h2>
    <p>Per direct zoeken wij een collega voor ongeveer 16 uur per week, vooral in het weekend.</p>
    <h3>Wat ga je doen?</h3><p>Je bedient onze gasten op het terras van het leukste café van Utrecht.</p>
    <h3>Wat vragen we van je?</h3><ul><li>Horecaervaring</li><li>Gastvrij en sociaal</li></ul>
    <h3>Solliciteren</h3><p>Stuur je motivatie naar ons.</p></body></html>"""
    reading = read(page, "https://dezon.example.test/vacature")
    assert reading.title == "Servicemedewerker parttime"
    assert reading.employment_type == "PART_TIME"
    # "{site} - {town}" in the <title>, the town named as a place in the text
    assert reading.company == "Eetcafé De Zon"
    assert reading.locations == ["Utrecht"]


def test_hours_per_week_under_the_title_are_not_pay_and_give_the_type() -> None:
    page = """<html><head><title>Vacature Junior Adviseur | Tsavo</title></head><body>
    <h1>Junior Adviseur (specialist vastgoedbeheer)</h1><p>Fulltime 40 uur per week.</p>
    <h2>Wie zoeken we?</h2><p>Een startend professional met een technische opleiding op HBO niveau, die
    inspecties uitvoert en onderhoudsplannen opstelt voor onze klanten.</p></body></html>"""
    reading = read(page, "https://tsavo.example.test/vacature")
    assert reading.pay is None
    assert reading.employment_type == "FULL_TIME"
    assert reading.company == "Tsavo"  # "Vacature {job} | {company}"


def test_the_employer_block_marked_in_the_markup_gives_the_company() -> None:
    page = """<html><head><title>CactusJobs.uz</title></head><body>
    <div class="firma-head"><h1>Центр Цифровых Технологий</h1><p>город Маргилан</p></div>
    <div class="firma-info"><h1>Андроид разработчик</h1><h2>3 400 000 сум.+</h2>
    <h3>Требования</h3><p>Опыт разработки под Android от года, знание Java и Kotlin, работа с REST API.</p></div>
    <div class="side"><h1>Удаленная работа ✓</h1></div></body></html>"""
    reading = read(page, "https://cactusjobs.example.test/vakansiya")
    assert reading.title == "Андроид разработчик"
    assert reading.company == "Центр Цифровых Технологий"
    assert reading.remote_type is RemoteType.REMOTE
    assert reading.pay is not None and (reading.pay.min, reading.pay.max) == (3_400_000, None)


def test_the_company_beside_a_remote_chip_and_a_bare_type_label() -> None:
    page = """<html><head><title>Job Listing</title></head><body><div class="job-post">
    <h1>Frontend Developer</h1><div class="meta">TechWorks Inc. · Remote</div>
    <p><strong>Type:</strong> Full-Time</p><p><strong>Salary:</strong> $70,000 – $90,000/year</p>
    <h2>Requirements</h2><ul><li>2+ years of frontend development experience with React.</li></ul>
    </div></body></html>"""
    reading = read(page)
    assert reading.company == "TechWorks Inc."
    assert reading.remote_type is RemoteType.REMOTE
    assert reading.employment_type == "FULL_TIME"


def test_a_withheld_employer_field_names_no_company_and_the_text_starts_after_the_fields() -> None:
    page = """<html><head><title>Talentu - Vaga</title></head><body><div class="vaga">
    <h1>Analista de Recursos Humanos Pleno</h1>
    <label>Salário: <span>R$ 5.000,00</span></label><label>Empresa: <span>Confidencial</span></label>
    <label>Area de Atuação: <span>Administrativo</span></label><label>Regime de contratação: <span>CLT</span></label>
    <label>Atribuições e Responsabilidades: <span>Realizar o processo de recrutamento e seleção para diversos
    níveis, entrevistas e dinâmicas de grupo.</span></label></div>
    <p>Talentu 2013 © Todos os direitos reservados</p></body></html>"""
    reading = read(page)
    assert reading.company == ""
    assert reading.pay is not None and (reading.pay.min, reading.pay.currency) == (5000, "BRL")
    assert reading.description_text.startswith("Atribuições e Responsabilidades: Realizar o processo")


def test_a_label_in_front_of_the_heading_and_an_emphasised_title_with_a_subtitle() -> None:
    labelled = read("""<html><head><title>Job Description</title></head><body>
    <h2>Job Title: Web Developer (Ref #: Web899)</h2><p>Our company is looking for a talented web developer
    who loves clean HTML and CSS. Key responsibilities and requirements follow.</p>
    <h2>Key Responsibilities</h2><ul><li>Designing accessible and usable sites</li></ul>
    <h2>Essential Requirements</h2><ul><li>1+ years of industry experience</li></ul></body></html>""")
    assert labelled.title == "Web Developer (Ref #: Web899)"
    emphasised = read("""<html><head><title>(Innen-)Architekt/in (m/w/d) – STIL x Architektur</title></head>
    <body><h1><strong>(Innen-)Architekt/in (m/w/d)</strong> in Voll- und/oder Teilzeitanstellung</h1>
    <p>Als Verstärkung für unser engagiertes Team suchen wir Sie. Verändern Sie die Stadt mit Stil.</p>
    <h2>Ihre Aufgaben</h2><ul><li>Entwurf, Bauantrag und Ausführungsplanung</li></ul></body></html>""")
    assert emphasised.title == "(Innen-)Architekt/in (m/w/d)"
    assert emphasised.company == "STIL x Architektur"
    assert emphasised.description_text.startswith("Als Verstärkung für unser engagiertes Team")


def test_a_branch_field_a_subtitle_heading_and_a_section_that_ends_the_header() -> None:
    branch = read("""<html><body><h2>Únete a la familia</h2>
    <p><span>Puesto</span><br>AUXILIAR DE ALMACÉN.<br><span>Sucursal</span><br>Kanasín<br>
    <span>Requisitos</span><br>- Disponibilidad de horario<br>- Acostumbrado al trabajo físico<br>
    <span>Ofrecemos</span><br>- Prestaciones de ley<br>- Comedor gratuito</p></body></html>""")
    assert branch.locations == ["Kanasín"]
    assert branch.description_text.startswith("Requisitos")
    subtitle = read("""<html><body><h2>Consultor de negócios</h2><h4>Auxiliar/operacional</h4>
    <a href="/apply">CANDIDATAR-SE</a><h3>Descrição</h3>
    <p>Realizar a venda de máquinas de cartões para pessoas físicas e jurídicas, com venda consultiva.</p>
    <h3>Requisitos</h3><p>Ensino médio completo.</p><h3>Local</h3><p>Aclimação - São Paulo/SP (Brasil)</p>
    </body></html>""")
    assert subtitle.description_text.startswith("Realizar a venda")
    assert subtitle.locations == ["Aclimação - São Paulo/SP (Brasil)"]


def test_a_lone_pay_field_in_a_side_box_and_a_russian_trade_title() -> None:
    page = """<html><head><title>KSD - Вакансия</title></head><body>
    <h1 class="vacancy__title">Вакансия</h1><h2 class="vacancy__subtitle">Машинист экскаватора</h2>
    <div><span class="a">Тип занятости: </span><span class="b">Полный</span></div>
    <p>Работа на объекте сноса, управление экскаватором и контроль за состоянием техники.</p>
    <h2>Обязанности:</h2><ul><li>Управление экскаватором</li></ul><h2>Требования:</h2><ul><li>Опыт от 5 лет</li></ul>
    <div class="pay"><span class="v">400 </span><span class="c">₽</span><span class="t"> / </span><span class="t">час</span></div>
    </body></html>"""
    reading = read(page)
    assert reading.title == "Машинист экскаватора"
    assert reading.employment_type == "FULL_TIME"
    assert reading.pay is not None
    assert (reading.pay.min, reading.pay.currency, reading.pay.period) == (400, "RUB", PayPeriod.HOUR)


def test_vacancies_under_one_heading_with_a_contact_role_below_are_a_list() -> None:
    page = """<html><body><h2 class="title">Вакансии НПО «Феникс»</h2>
    <h3>Инженер-технолог</h3><p>Требования: опыт от 3 лет. Условия: сменный график.</p>
    <h3>Плавильщик металла и сплавов</h3><p>Требования: опыт от 3 лет. Условия: сменный график.</p>
    <h3>Сменный мастер литейного цеха</h3><p>Требования: опыт от 3 лет. Условия: сменный график.</p>
    <div class="contact-block__title">Руководитель лаборатории</div><p>Телефон: 8 (812) 339-03-42</p>
    </body></html>"""
    with pytest.raises(NotAPosting, match="lists several jobs"):
        read(page)


def test_a_small_practice_page_wanted_heading_copyright_company_and_an_h5_about_label() -> None:
    # "X gesucht" is the German "X wanted"; "© Copyright 2016-2017 Name GbR" names the employer after
    # the word; an <h5> "Sobre a vaga"-like label ("Functie omschrijving") is no part of the text.
    page = """<html><head><title>praxis - Ergotherapie</title></head><body>
    <h1>Physiotherapeut/in gesucht</h1>
    <h5>Functie omschrijving</h5>
    <p>Wir suchen zum nächstmöglichen Zeitpunkt eine Kollegin oder einen Kollegen für unsere Praxis.</p>
    <p>Wir sind ein engagiertes Team und freuen uns auf Sie.</p>
    <div id="copyright">&copy; Copyright 2016-2017 Praxis Nord GbR. Alle Rechte vorbehalten.</div>
    </body></html>"""
    reading = read(page)
    assert reading.title == "Physiotherapeut/in gesucht"
    assert reading.company == "Praxis Nord GbR"
    assert reading.description_text.startswith("Wir suchen zum nächstmöglichen Zeitpunkt")


def test_a_title_banner_named_breadcrumb_a_pinned_place_and_a_line_break_in_the_heading() -> None:
    # Themes call the page-title banner "breadcrumb_area"; a pin marks the place; <br> separates words.
    page = """<html><head><title>Studio</title></head><body>
    <section class="breadcrumb_area"><div class="breadcrumb_content"><h1>Maak het verschil<br>als ambulant coach</h1>
    </div></section>
    <p>Wij groeien naar een netwerk van coaches in de regio.</p><p>📍 Zoetermeer &amp; omgeving</p>
    <h2>Wie wij zoeken</h2><p>Coaches met ervaring.</p><h2>Wat wij verwachten</h2><p>Een registratie.</p>
    <a href="/apply">Solliciteren</a></body></html>"""
    reading = read(page)
    assert reading.title == "Maak het verschil als ambulant coach"
    assert reading.locations == ["Zoetermeer"]


def test_a_polish_careers_page_with_one_vacancy_and_a_region_in_brackets() -> None:
    # "Kariera" is the page's heading, the vacancy is the <h2>; Polish section words are job-ad wording.
    page = """<html><head><title>Kariera | PZRE Przykład</title></head><body><h1>Kariera</h1>
    <h2>Technolog-Kosztorysant</h2><p>Miejsce pracy: Katowice (Śląskie)</p>
    <h3>Opis stanowiska</h3><p>Kosztorysowanie prefabrykacji elementów kotłowych i rurociągów.</p>
    <h3>Wymagania</h3><p>Wykształcenie średnie.</p><h3>Oferujemy</h3><p>Stałe zatrudnienie.</p>
    <a href="mailto:hr@example.pl">Wyślij CV</a></body></html>"""
    reading = read(page)
    assert reading.title == "Technolog-Kosztorysant"
    assert reading.locations == ["Katowice, Śląskie"]
    assert reading.description_text.startswith("Kosztorysowanie prefabrykacji")


def test_a_question_heading_is_never_the_title() -> None:
    page = """<html><body><h1>Eindredacteur Friesland Magazine / Communicatieprofessional Van Dijk &amp; Partners (28 – 40 uur)</h1>
    <h2>Ben jij die gedreven, gestructureerde en creatieve eindredacteur?</h2><p>Je coördineert het maandblad.</p>
    <h2>Functie-eisen:</h2><p>HBO opleiding.</p><h2>Wat bieden wij?</h2><p>Een inspirerende baan.</p>
    <p>Mail dan je sollicitatie naar vacature@example.nl.</p></body></html>"""
    reading = read(page)
    assert reading.title.startswith("Eindredacteur Friesland Magazine")


def test_the_site_name_beside_a_careers_page_name_an_address_block_town_and_a_spaced_label() -> None:
    # "<Site> - Карьера" names the employer; "30171 Hannover" in the content is the place; the label
    # "Localização" is read as a whole word, not as "Local".
    page = """<html><head><title>Nordmarkt - Карьера</title></head><body>
    <h1>Менеджер активных продаж</h1><p>от 50000 ₽</p>
    <h4>Обязанности</h4><ul><li>Работа с клиентами</li></ul><h4>Требования</h4><ul><li>Опыт от года</li></ul>
    <h4>Условия</h4><ul><li>Оформление по ТК</li></ul>
    <p>Nordmarkt GmbH<br>Sallstraße 18<br>30171 Hannover</p></body></html>"""
    reading = read(page)
    assert reading.company == "Nordmarkt"
    assert reading.locations == ["Hannover"]
    spaced = read("""<html><body><h1>Desenvolvedor Frontend Jr.</h1><p>Tech Firma</p>
    <div><span>Localização</span> <span>Luanda</span></div><h5>Requisitos</h5><p>React.</p>
    <h5>Benefícios</h5><p>Plano de saúde.</p><a href="/apply">Candidatar-se</a></body></html>""")
    assert spaced.locations == ["Luanda"]


def test_two_openings_announced_by_a_sentence_are_a_list() -> None:
    page = """<html><body><h1>Wir sind auf Wachstumskurs!</h1>
    <p>Zur Zeit sind folgende Stellen ab sofort zu besetzen.</p>
    <h2>Reinigungsfachkraft für tagweise Einsätze</h2><h4>Ihr Profil</h4><p>Erfahrung.</p><a href="#">Jetzt bewerben</a>
    <h2>Umzugshelfer und Möbelpacker</h2><p>Wir suchen ab sofort einen Umzugshelfer.</p><a href="#">Jetzt bewerben</a>
    </body></html>"""
    with pytest.raises(NotAPosting, match="lists several jobs"):
        read(page)


def test_a_vacancy_word_before_the_title_a_pay_chip_and_a_title_on_two_lines() -> None:
    offer = read("""<html><body><h1>Job Offer - JS Developer</h1><h2>Responsibilities</h2>
    <p>Develop and maintain our web applications.</p><h2>Requirements</h2><p>Vue.js.</p>
    <p>Send your resume to careers@example.com to apply.</p></body></html>""")
    assert offer.title == "JS Developer"
    chip = read("""<html><body><h3>Technicien informatique</h3><h4>SB2P - Pessac (33)</h4><h4>25 000 € par an - CDI</h4>
    <p>Notre société se développe et nous recherchons un technicien passionné.</p>
    <h5>Profil recherché</h5><p>Bac+2.</p><a href="#">Postuler</a></body></html>""")
    assert chip.description_text.startswith("Notre société se développe")
    two_lines = read("""<html><body><h2>Kundenberater/in<br>(80 – 100 %)</h2>
    <h4>Deine Aufgaben</h4><p>Du berätst unsere Kundinnen und Kunden.</p><h4>Was du mitbringst</h4><p>Erfahrung.</p>
    <a href="#">Jetzt bewerben</a></body></html>""")
    assert two_lines.title == "Kundenberater/in (80 – 100 %)"
    assert two_lines.description_text.startswith("Deine Aufgaben")


def test_a_careers_page_whose_brand_heading_repeats_the_title_and_a_chip_row_place() -> None:
    # "<h1>Camping X</h1>" repeats the site's name of "Camping X · Werken bij": the banner, not the job;
    # "Fulltime · Utrecht" names the place; "Camping de Leeuwenkuil" is not split at its article.
    page = """<html><head><title>Camping de Leeuwenkuil · Werken bij</title></head><body>
    <h1>Camping de Leeuwenkuil</h1><p>Waar de sfeer nooit kapot gaat!</p>
    <h2>Openstaande vacatures</h2><h3>Facilitair Medewerker</h3><p>Fulltime · Utrecht</p>
    <p>Als facilitair medewerker zorg jij ervoor dat onze gasten kunnen genieten van de camping.</p>
    <p>Wat ga je doen?</p><p>Dankzij jou blijft de Leeuwenkuil schoon.</p><p>Wat wij vragen</p><p>Inzet.</p>
    <a href="mailto:info@example.nl">Solliciteer</a></body></html>"""
    reading = read(page)
    assert reading.title == "Facilitair Medewerker"
    assert reading.company == "Camping de Leeuwenkuil"
    assert reading.locations == ["Utrecht"]


def test_an_offered_salary_field_without_a_currency_stays_without_one() -> None:
    page = """<html><body><h1>Senior UI/UX designer</h1><h6>Location</h6><p>United Kingdom</p>
    <h6>Offered Salary</h6><p>100k</p><h3>Job Requirements</h3><p>Figma and user research.</p>
    <h3>What we can offer you?</h3><p>A small team.</p><a href="#">Apply Now</a></body></html>"""
    reading = read(page)
    assert reading.pay is not None
    assert (reading.pay.min, reading.pay.max, reading.pay.currency) == (100_000, 100_000, None)


def test_chips_on_separate_source_lines_a_marked_place_and_company_and_a_summary_box_named_share() -> None:
    # A job board's header: chips on their own source lines, the company and the place marked by
    # class/id; the <title> names the site; the summary box is called "information-and-share".
    page = """<html><head><title>JobDetails : Boardname</title></head><body>
    <h4 id="Title">Designer Required</h4>
    <div class="info">
      <span class="company"><a href="#"><span id="BusinessName">Theoreo</span></a></span>
      <span class="office-location"><a href="#"><span id="Location">New York City</span></a></span>
      <span class="job-type"><a href="#"><span id="JobType">Full Time</span></a></span>
    </div>
    <h4>Job Description</h4><p>You will design the screens of our products with the product team.</p>
    <h4>Responsibilities</h4><p>Figma.</p>
    <div class="information-and-share"><div class="job-summary"><h4>Job Summary</h4><ul>
      <li>Published on: Oct 6, 2019</li><li>Vacancy: 08</li><li>Employment Status: Full-time</li>
      <li>Experience: 2 to 3 year(s)</li><li>Salary: $32k - $36k</li><li>Application Deadline: Oct 15, 2019</li></ul>
    </div><div class="share-on"><a href="#">f</a><a href="#">t</a></div></div>
    <a href="#">Apply Online</a></body></html>"""
    reading = read(page)
    assert reading.company == "Theoreo"
    assert reading.locations == ["New York City"]
    assert reading.employment_type == "FULL_TIME"
    assert reading.pay is not None
    assert (reading.pay.min, reading.pay.max, reading.pay.currency) == (32_000, 36_000, "USD")


def test_a_question_heading_is_still_the_title_when_no_other_heading_names_the_job() -> None:
    page = """<html><body><h1>Zin in een bijbaan als bezorger?</h1>
    <p>Wij zoeken bezorgers voor de avonden in het centrum.</p><h3>Wat vragen wij</h3><p>Een fiets.</p>
    <h3>Wat bieden wij</h3><p>Een goed uurloon.</p><a href="#">Solliciteer</a></body></html>"""
    assert read(page).title == "Zin in een bijbaan als bezorger?"


# ---- sixth dev batch (p92–p103): chips one under the other, label headings, hiring lead-ins ----


@pytest.mark.parametrize(
    ("chips", "place"),
    [
        ("<ul><li>London</li><li>Fulltime</li><li>1 year ago</li><li>$2300 - $4500/ monthly</li></ul>", "London"),
        ('<div><i class="fa fa-map-marker"></i><p>Nantes</p></div><div><p>CDI</p></div><div><p>1555€</p></div>',
         "Nantes"),
    ],
)
def test_a_place_chip_stacked_over_a_type_or_pay_chip_is_the_jobs_place(chips: str, place: str) -> None:
    page = f"""<html><body><h1>Chargé de clientèle e-commerce</h1>{chips}
    <h3>Description</h3><p>Vous répondez aux clients de la boutique en ligne, par téléphone et par écrit.</p>
    <h3>Profil</h3><p>Expérience du service client.</p><a href="#">Postuler</a></body></html>"""
    assert read(page).locations == [place]


def test_buttons_and_labels_stacked_beside_a_pay_chip_are_no_place() -> None:
    page = """<html><body><h1>Инженер-конструктор</h1><ul><li>Опыт работы 1-3 года</li>
    <li>Полная занятость</li></ul><p>20 000 ₽</p><p>Откликнуться</p>
    <h3>Обязанности</h3><p>Разработка конструкторской документации по заказам предприятия.</p></body></html>"""
    assert read(page).locations == []


def test_a_heading_ending_in_a_colon_labels_the_job_below_it() -> None:
    page = """<html><body><h2>Candidature :</h2><h3>Chargé clientèle e-commerce (homme/femme)</h3>
    <p>Nantes</p><p>CDI</p><p>1555€</p><h4>Description :</h4>
    <p>Vous conseillez les clients de notre boutique en ligne et suivez leurs commandes.</p>
    <h3>Postuler :</h3><form><input name="nom"></form></body></html>"""
    reading = read(page)
    assert reading.title == "Chargé clientèle e-commerce (homme/femme)"
    assert reading.locations == ["Nantes"]


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("НАМ НУЖЕН BACKEND - РАЗРАБОТЧИК", "BACKEND - РАЗРАБОТЧИК"),
        ("Wir suchen: Koch (m/w/d)", "Koch (m/w/d)"),
        ("We're hiring a Data Engineer", "Data Engineer"),
        # the lead-in addresses the reader: what follows is no title on its own, the heading stays
        ("Wir suchen Dich als Koch (m/w/d)", "Wir suchen Dich als Koch (m/w/d)"),
    ],
)
def test_a_hiring_lead_in_is_no_part_of_the_title(heading: str, title: str) -> None:
    page = f"""<html><body><h1>{heading}</h1><p>Unser Team in der Innenstadt wächst, komm dazu.</p>
    <h3>Aufgaben</h3><p>Du entwickelst unsere Dienste weiter und betreust die Schnittstellen.</p>
    <a href="#">Jetzt bewerben</a></body></html>"""
    assert read(page).title == title


def test_the_company_named_after_the_word_for_company_under_the_title() -> None:
    page = """<html><body><h1>HTML-Верстальщик</h1><h3><a href="#">компания QIWI</a></h3>
    <p>уровень зарплаты</p><p>от 1 000 до 2 000 USD</p><h3>Требования:</h3>
    <ul><li>Опыт разработки в HTML/HTML5, CSS, JavaScript от 3-х лет.</li></ul>
    <h3>Тип занятости:</h3><p>Полная занятость</p></body></html>"""
    assert read(page).company == "QIWI"


def test_all_right_reserved_is_no_company() -> None:
    page = """<html><head><title>Mobile Template</title></head><body><h3>Senior front-end developer</h3>
    <h4>Responsabilidades</h4><p>Build next-generation web applications with a focus on the client side.</p>
    <h4>Requisitos</h4><p>2 years of relevant work experience in software development.</p>
    <footer><p>©2018 All Right Reserved</p></footer></body></html>"""
    assert "Right" not in read(page).company


def test_a_role_row_names_the_job_under_a_placeholder_heading() -> None:
    page = """<html><body><h1>Duis aute irure dolor in reprehenderit</h1><p>BENGALURU | ARBEITSNR. 240877</p>
    <a href="#">JETZT BEWERBEN</a><h2>Jobbeschreibung</h2>
    <p>Sie entwerfen und konfigurieren Anwendungen für die Geschäftsprozesse unserer Kunden.</p>
    <ul><li><b>Rolle :</b>Anwendungsentwickler</li><li><b>Job-Anforderungen :</b> Docker, Kubernetes</li></ul>
    </body></html>"""
    reading = read(page)
    assert reading.title == "Anwendungsentwickler"
    assert reading.description_text.startswith("Sie entwerfen und konfigurieren Anwendungen")


def test_a_french_board_line_with_a_department_number_tells_employer_from_town() -> None:
    page = """<html><head><title>IRIS</title></head><body><h2>Annonce</h2><h3>Technicien informatique</h3>
    <h4>SB2P - Pessac (33)</h4><h4>25 000 € par an - CDI</h4>
    <p>Notre société se développe et nous recherchons un technicien passionné par l'informatique.</p>
    <h4>Profil recherché</h4><p>Bac+2 en informatique.</p><a href="#">Postuler</a></body></html>"""
    reading = read(page)
    assert (reading.company, reading.locations) == ("SB2P", ["Pessac"])


def test_the_sites_name_beside_a_careers_part_in_a_three_part_title() -> None:
    page = """<html><head><title>Augurs-Technologien | Einzeljob | Unternehmen für Software, Apps und digitales
    Marketing</title></head><body><h1>Anwendungsentwickler (m/w/d)</h1><p>Bengaluru</p>
    <h2>Ihre Aufgaben</h2><p>Sie entwerfen und konfigurieren Anwendungen für unsere Kunden.</p>
    <a href="#">Jetzt bewerben</a></body></html>"""
    assert read(page).company == "Augurs-Technologien"


def test_a_known_town_written_in_lower_case_in_a_chip_row() -> None:
    page = """<html><body><h1>Développeur Web (H/F)</h1><div><p>marseille</p><p>Salaire: 2500 € / mois</p></div>
    <p>Description :</p><p>Venez nous rejoindre dans un grand loft, nous cherchons un développeur front.</p>
    <p>Type d'emploi : Temps plein, CDI</p><button>POSTULEZ</button></body></html>"""
    assert read(page).locations == ["Marseille"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the town the text speaks of most
        ("<p>Als Verstärkung für das Team in Hannovers Südstadt. Verändern Sie Hannover mit Stil.</p>"
         "<p>Wir planen im Neubau und im Bestand. Unser Büro liegt zentral in Hannover.</p>", ["Hannover"]),
        # the only town it names, after "uit"
        ("<p>Friesland Post is een onderdeel van Van der Let &amp; Partners uit Heerenveen.</p>", ["Heerenveen"]),
        # two towns named once each: an office list says nothing about this job
        ("<p>Wir haben Büros in Berlin und in Hamburg.</p>", []),
        # a word GeoNames also lists as a town is no place in a job text
        ("<p>Du hast Erfahrung in Mobile und in Rust.</p>", []),
    ],
)
def test_the_town_the_text_speaks_of_when_no_field_names_a_place(text: str, expected: list[str]) -> None:
    page = f"""<html><body><h1>Architekt (m/w/d)</h1>{text}
    <h2>Ihre Aufgaben</h2><p>Entwurf und Ausführungsplanung von Wohnbauten mit BIM.</p>
    <a href="#">Jetzt bewerben</a></body></html>"""
    assert read(page).locations == expected


def test_a_list_under_its_heading_brings_the_other_short_sections_of_its_block() -> None:
    page = """<html><body><h1>HTML-Верстальщик</h1><h3>компания QIWI</h3><table><tr><td>
    <div class="view-info"><h3>Требования:</h3><ul>
    <li><p>Опыт разработки в HTML/HTML5, CSS2/CSS3, JavaScript от 3-х лет.</p></li>
    <li><p>Опыт работы в крупных проектах и последующей их поддержки.</p></li>
    <li><p>Понимание принципов адаптивной и отзывчивой вёрстки, кросс-браузерность.</p></li></ul>
    <h3>Условия:</h3><ul><li><p>Работа в центре города.</p></li></ul>
    <h3>Тип занятости:</h3><p>Полная занятость</p></div></td></tr></table>
    <a href="#">откликнуться на вакансию</a></body></html>"""
    text = read(page).description_text
    assert text.startswith("Требования:")
    assert "Работа в центре города." in text


@pytest.mark.parametrize(
    ("fields", "place"),
    [
        ("<dt>Ville :</dt><dd>Lyon</dd>", ["Lyon"]),
        ("<dt>Adres:</dt><dd>Beekstraat 25, 6811 DV Arnhem</dd>", ["Arnhem"]),  # the code's letters are no town
        ("<dt>Адрес:</dt><dd>Минск, ул. Ленина, 1А</dd>", ["Минск"]),
    ],
)
def test_a_town_field_or_an_address_field_gives_the_place(fields: str, place: list[str]) -> None:
    page = f"""<html><body><h1>Serveerster / Barmedewerker</h1><p>Wij zoeken versterking voor ons team in de zaak.</p>
    <dl>{fields}</dl><h3>Wat vragen wij</h3><p>Je bent gastvrij en flexibel inzetbaar in de avonden.</p>
    <a href="#">Solliciteer</a></body></html>"""
    assert read(page).locations == place


def test_a_town_named_in_the_russian_locative_is_given_in_its_own_form() -> None:
    page = """<html><body><h1>Backend-разработчик</h1>
    <p>У нас красивый и просторный офис в Ярославле - в Петровском Пассаже</p>
    <h3>Что нужно будет делать</h3><ul><li>Разработка REST API сервисов</li></ul>
    <h3>Требования</h3><ul><li>Опыт работы с PHP от одного года</li></ul>
    <p>Зарплата от 40 000 до 80 000 рублей</p><a href="#">Откликнуться</a></body></html>"""
    assert read(page).locations == ["Ярославль"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("<p>This is a full-time position based in our office.</p>", "FULL_TIME"),
        ("<p>Poste en CDI à temps partiel, 24 heures par semaine.</p>", "PART_TIME"),
        ("<p>Wir bieten eine unbefristete Festanstellung in Vollzeit und/oder Teilzeit.</p>", ""),  # both
        ("<p>Nous travaillons en équipe soudée.</p>", ""),  # no working time said
    ],
)
def test_the_working_time_a_sentence_states_when_no_field_does(sentence: str, expected: str) -> None:
    page = f"""<html><body><h1>Software Developer</h1><p>Our product team is growing and needs help.</p>
    {sentence}<h3>Requirements</h3><p>Three years of Python and a taste for clean code.</p>
    <a href="#">Apply</a></body></html>"""
    assert read(page).employment_type == expected
