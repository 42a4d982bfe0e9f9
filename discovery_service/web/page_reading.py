"""Reading a job posting from a page that has no structured data (no schema.org JobPosting).

Many career pages are plain HTML: the job title is an <h1>, or an <h2>/<h4> under a <title> that
only names the site; the company, location and pay are lines of text. `read_page` gives the best
posting such a page supports, each field marked as inferred, and refuses pages that are plainly not
a posting (a home page, a blog post, a "job not found" page) with `NotAPosting` and a reason.

How each field is read:

- title: the page's headings (h1 to h4, and elements styled as one: role="heading", a class or id
  naming a title or "h2", such as <p class="vacancy__title"> or an ASP.NET "lblJobTitle"; outside
  navigation, footers and dialogs), weighed by how much they look like a job title (job words such
  as "Engineer", "Mitarbeiter*in", "(m/w/d)", "H/F", "工程师", "مهندس"), whether they repeat a part
  of the <title> or og:title (which counts little when the heading names no job: portals put their
  own name in both), and their level; without a fitting heading, the part of the <title>/og:title
  that looks like a job title, cleaned of the site's name. "{job} at {company}" gives both.
  A heading that names a vacancy ("Вакансия Официант") counts as a job title; when the chosen
  heading is the page's generic one ("Detalhes da Vaga", "Stellenausschreibung", "Offres d'emploi"),
  a labelled title field ("Intitulé du poste ...") or the short line under it ("{job} - {company}")
  is the title. A heading's <small> subtitle ("Full-Time", the places), or the rest of a heading that
  opens with an emphasised job title ("<strong>Architekt/in</strong> in Voll- und Teilzeit"), is a
  header line; a label in front of the title ("Job Title: ...") is dropped.
- company: a labelled employer field ("Empresa: ..."; "Confidencial" and the like withhold it, and
  then no other source is asked), "{job} at {company}" in the heading or <title>, og:site_name
  (unless it is a job board's), the "{company} hiring {title} in {place}" and "{title} | {company} |
  {site}" shapes of titles (also "Vacature {title} | {company}"), the element the markup names as
  the employer's (class "company", "employer", "firma"), "the {title} role at {company}", the name
  beside the place or the "Remote" chip under the title, the name after the title on its own line
  ("{title} / {organisation}"), an "About {company}" line, the site's Twitter handle, the footer's
  "© 2024 {company}", a <title> that only names the site (not "Vacancy details") or the site and its
  town ("Cafe Classen - Arnhem", the town named as a place in the text), and last the domain of the
  page's own URL (never a reserved one such as example.com or *.test).
- location: a labelled field ("Location: X", "Standort" with the value on the next line as in a
  <dl> or a table, "Location City, Region"; also a branch field, "Sucursal", "Local"), the "... in
  {place}" of a title, the line under the title that reads "City, Region, Country", the page's
  geo.placename/og:locality meta tag, and last the town of a "{site} - {town}" <title>.
- remote: only when the page says so plainly (a "Remote"/"Remote (EU)"/"Hybrid"/"On-site" chip near
  the title or as a heading of its own, "fully remote", "this role is based in our ... office");
  otherwise unknown.
- employment type: a "Job type:"/"Type:"/"Employment type" entry, a "Full-time"/"Vollzeit"/"Полная
  занятость" chip near the title or a header line that opens with one ("Fulltime 40 uur per week"),
  or such a word in the title itself.
- pay: `common.pay` on the header lines (`find_pay`; a line that is only an amount, "25-50K·14薪",
  is read as a salary field by `parse_pay`), the description, and a labelled pay field ("Salary:",
  "Gehalt", "الراتب"), and last a line that is only an amount ("400 ₽ / час" in a side box) when it
  is the only such line on a page without a "Similar jobs" heading; never on the rest of the page,
  where other jobs' pay is listed.
- description: the main content, readability-style: text blocks score by their length and
  punctuation and pass the score up to their containers; the container with the most text and the
  fewest links wins, and it grows to its parent while its sibling sections also score ("About us"
  beside "The role") or are only section headings. Lines that only repeat the header (title,
  company, location, chips, "Apply", a subtitle heading) are dropped from its start, up to the
  first section of the posting's own text ("Requisitos", "Wat ga je doen?"); after a table of short
  fields ("Salário: ...", "Empresa: ...") the text starts at the first such section. Styled chips that touch
  ("<span>Remote</span><span>Full-time</span>") are read as separate items.

Whether it is a posting at all is decided from signals in the page's own content (navigation and
footers removed, the whole of it, not only the description): a job title, job-ad sections
("Responsibilities", "Ihr Profil", "Missions", "Требования", "职位描述", "متطلبات"...), an apply
button, stated pay or employment type. A page that says the job is gone ("Stelle nicht gefunden",
"no longer available", "Aucun poste à pourvoir") is refused whatever else it has, and so is a page
that lists several jobs (three or more job-titled headings of the chosen title's level, no <h1>
naming a job, and no "Other openings" heading between the title and the next job; or three or more
job-titled headings of another level with no "Similar jobs" heading above them, the chosen title
being something else, such as a contact person's role).

`page_pay` gives the pay a page shows right under a posting's heading, for postings whose structured
data states none (extract.py uses it after the description).
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import lxml.html

from common.html_text import html_to_text
from common.pay import Pay, PayPeriod, find_pay, parse_pay
from common.places import is_town_name
from discovery_service.domain import RemoteType
from discovery_service.sources.base import normalise_employment_type
from discovery_service.web.html import sanitize_html

# ---- vocabularies ---------------------------------------------------------------------------------

_JOB_WORDS = re.compile(
    r"\b(?:engineer|developer|programmer|manager|director|lead|head\s+of|designer|editor|writer|analyst"
    r"|scientist|architect|administrator|specialist|consultant|associate|assistant|coordinator|officer"
    r"|executive|representative|agent|advisor|adviser|accountant|auditor|clerk|technician|mechanic"
    r"|electrician|operator|nurse|physician|therapist|teacher|tutor|instructor|trainer|intern|internship"
    r"|trainee|apprentice|graduate|cashier|driver|cook|chef|waiter|bartender|barista|cleaner|receptionist"
    r"|secretary|recruiter|marketer|strategist|product\s+owner|researcher|worker|installer|welder|plumber"
    r"|carpenter|tester|devops|stylist|photographer|videographer|producer|animator|copywriter|translator"
    r"|lawyer|attorney|paralegal|pharmacist|caregiver|salesperson|sales\s+rep"
    r"|mitarbeiter|sachbearbeiter|entwickler|ingenieur|leiter|berater|kaufmann|kauffrau|fachkraft|techniker"
    r"|monteur|elektriker|fahrer|verkäufer|werkstudent|praktikant|praktikum|auszubildende|referent"
    r"|assistenz|sekretär|pfleger|erzieher|lehrer|koch|helfer|aushilfe|buchhalter"
    r"|ingénieur|développeur|chef\s+de|responsable|chargée?\s+d|conseill[eè]re?|commercial|technicien"
    r"|secrétaire|comptable|stagiaire|alternan|directeur|directrice|architecte|gestionnaire|opérat[eu]"
    r"|vendeu|infirmi|ingeniero|desarrollador|programador|gerente|jefe\s+de|asistente|técnico|analista"
    r"|diseñador|administrativo|becario|coordinador|consultor|sviluppatore|ingegnere|addett|impiegat"
    r"|desenvolvedor|engenheiro|estagiári|programista|inżynier|specjalista|kierownik|medewerker"
    r"|ontwikkelaar|инженер|разработчик|программист|менеджер|руководител|директор|специалист|аналитик"
    r"|дизайнер|бухгалтер|водител|продав|оператор|администратор|ассистент|помощник|стаж[её]р|тестировщик"
    r"|консультант|архитектор|інженер|розробник|фахів|керівник|аналітик"
    # trades, care and hospitality, where the role nouns differ from office work's
    r"|foreman|labou?rer|janitor|custodian|housekeeper|dishwasher|baker\b|caretaker|companion|helper"
    r"|auxiliar|ayudante|repostero|pastelero|panadero|cocinero|camarero|mesero|dependient[ae]|limpiador"
    r"|enfermer[oa]s?\b|cuidador|recepcionista|vendedor|cajer[oa]\b|repartidor|electricista|fontanero|vigilante"
    r"|atendente|garçom|garçonete|cozinheir|motorista|enfermeir|assistente"
    r"|serveu[rs]|serveuse|cuisinier|aide[- ]soignant|employée?\b|ouvri[eè]re?\b|chauffeur|magasinier"
    r"|boulanger\b|pâtissier|plombier|électricien|soudeur|caissi[eè]re?\b"
    r"|zimmerer\b|geselle|schreiner(?:in)?\b|tischler(?:in)?\b|maler(?:in)?\b|friseur(?:in)?\b|bäcker(?:in)?\b"
    r"|kellner(?:in)?\b|servicekraft|reinigungskraft|pädagog|schulbegleit|betreuer|hausmeister|lagerist"
    r"|mechatroniker|mechaniker|azubi\b"
    r"|официант|бармен|повар\b|курьер|кассир|уборщи|медсестр|грузчик|охранник|бариста|кондитер\b|горничн"
    r"|слесар|сварщик|электрик\b"
    r"|машинист|монтажник|плавильщик|литейщик|мастер\b|электромонт[её]р|токарь|фрезеровщик|маляр|плотник"
    r"|каменщик|штукатур|кладовщик|комплектовщик|упаковщик|сборщик|наладчик|технолог\b|механик\b|диспетчер\b"
    r"|экспедитор|разнорабоч|дворник|сторож"
    r"|\bkok\b|bedieningsmedewerker|schoonmaker|verkoper|verpleegkundige|bezorger|koerier|adviseur|beheerder"
    r"|kapper|schilder\b|timmerman|loodgieter|stukadoor|metselaar|vakkenvuller|barman|afwasser|gastvrouw"
    r"|gastheer|verzorgende|begeleider|docent\b|leraar|stagiair"
    # editors (nl/de "redacteur"/"Redakteur", fr "rédacteur") and Polish role nouns
    r"|redacteur|redakteur|rédacteur|rédactrice|technolog\b|kosztorysant|spawacz|monter\b|magazynier|kierowca"
    r"|księgow|handlowiec|sprzedawca|elektryk|przedstawiciel|opiekun|pielęgniar|kucharz|kelner|sprzątacz|pracownik"
    # therapists and coaches as de/nl write them ("Therapeut/in", "ambulant coach"); compounds such as
    # "Ergotherapeut" are read with the other compound role nouns below
    r"|therapeut|coach\b"
    r"|cameriere|cameriera|cuoco|commess[oa]|pizzaiolo|lavapiatti|infermier|autista|operaio|magazziniere)"
    r"|\((?:m|w|f|d|h|x|gn)\s*/\s*(?:m|w|f|d|h|x)(?:\s*/\s*(?:m|w|f|d|h|x))?\)|\b[hf]/[fh]\b|\(all\s+genders?\)"
    r"|\w\*in\b"
    # German and Dutch compounds end in the role noun: "Barmedewerker", "Servicemitarbeiter", "Bauleiter"
    r"|\w(?:medewerker|medewerkster|mitarbeiter|monteur|techniker|elektriker|fahrer|verkäufer|bezorger"
    r"|chauffeur|leiter|berater|entwickler|ingenieur|fachkraft|helfer|pfleger|adviseur|beheerder|therapeut"
    r"|redacteur|redakteur)(?:in|s)?\b"
    # Chinese, Japanese, Korean and Arabic role nouns: these scripts join words without the spaces
    # that \b needs, so they are matched anywhere ("AutoCAD开发工程师", "المهندس").
    r"|工程师|经理|专员|主管|设计师|助理|实习生|总监|分析师|顾问|会计|架构师|技术员|研究员|文员|客服|司机"
    r"|教师|护士|エンジニア|デザイナー|マネージャー|개발자|엔지니어|디자이너|매니저"
    r"|مهندس|محاسب|مدير|موظف|أخصائي|اخصائي|مساعد|مطور|معلم|ممرض|سائق|مشرف|محلل|مصمم|باحث|مندوب",
    re.IGNORECASE,
)
# "Vacancy: Waiter", "Вакансия Официант", "Vaga de Auxiliar": a heading that names a vacancy names a job.
_VACANCY_HEADING = re.compile(
    r"^(?:vacancy|vacature|vacante|vaga|вакансия|вакансія|stellenangebot|job\s+offer|offre\s+d['’]emploi"
    r"|oferta\s+de\s+(?:trabajo|empleo))\b\s*(?:[:–—-]\s*|de\s+|\s)(?P<job>\S.{1,100})$",
    re.IGNORECASE,
)
# A page's own generic heading above the job's title ("Detalhes da Vaga", "Stellenausschreibung",
# "Bolsa de Trabajo", "Job details"): the job's title is the line under it or a labelled field.
_GENERIC_HEADING = re.compile(
    r"(?:job|vacancy|position|offer)\s+(?:details|description|offer|posting)|job\s+offer|vacancy"
    r"|(?:detalhes|detalles|détails|details)\s+(?:(?:da|de\s+la|de\s+l['’]|del?|of\s+the)\s+)?"
    r"(?:vaga|vacante|oferta|offre|poste|empleo|job|vacancy|position)"
    r"|stellenausschreibung|stellenangebote?|bolsa\s+de\s+(?:trabajo|empleo)|ofertas?\s+de\s+(?:trabajo|empleo)"
    r"|offres?\b.*\bemploi\b.*|offre|vacatures?|vacantes?|vagas?|вакансии|вакансия|вакансії|вакансія",
    re.IGNORECASE,
)
# A sentence that announces a list of openings: "folgende Stellen", "the following positions", "les
# postes suivants", "las siguientes vacantes", "de volgende vacatures", "следующие вакансии".
_OPENINGS_SENTENCE = re.compile(
    r"folgende[n]?\s+(?:stellen|positionen|jobs)|following\s+(?:positions|roles|vacancies|openings|jobs)"
    r"|(?:postes|offres)\s+suivant|siguientes\s+(?:vacantes|puestos|posiciones)|seguintes\s+vagas"
    r"|volgende\s+vacatures|seguenti\s+posizioni|следующи[ех]\s+ваканси|następując\w*\s+stanowisk",
    re.IGNORECASE,
)
# A labelled job-title field ("Intitulé du poste agent ...", "Job title: ...", "Stellenbezeichnung").
_TITLE_LABEL = re.compile(
    r"job\s+title|position\s+title|intitulé\s+du\s+poste|titre\s+du\s+poste|stellenbezeichnung|stellentitel"
    r"|puesto|cargo|должность|posizione|functietitel|stanowisko"
    # "Rolle : Anwendungsentwickler", "Role: Software Developer": a role row under a heading that names
    # no job (a template's placeholder, a slogan)
    r"|role|rolle|rôle|ruolo",
    re.IGNORECASE,
)
# A heading that opens a list of openings ("Offene Stellenangebote", "Current openings").
_OPENINGS_HEADING = re.compile(
    r"offene\s+stellen|aktuelle\s+stellen|stellenangebote|open\s+(?:positions|roles|vacancies)|current\s+(?:openings|vacancies)"
    r"|job\s+openings|our\s+vacancies|nos\s+offres|postes\s+à\s+pourvoir|vacantes\s+disponibles|vagas\s+abertas"
    r"|posizioni\s+aperte|openstaande\s+vacatures|открытые\s+вакансии|актуальные\s+вакансии",
    re.IGNORECASE,
)
# "About CTcue", "Über Zimmerei Meier": a section about the company, named.
_ABOUT_COMPANY = re.compile(
    r"^(?i:about|über|à\s+propos\s+de|sobre|acerca\s+de|over|o\s+компании)\s+(?P<company>[A-ZÀ-ÖØ-ÞА-ЯЁ0-9][^:]{1,60}?):?$"
)
# A labelled employer field ("Company: Acme", "Empresa: Confidencial", "Arbeitgeber" over its value).
_COMPANY_LABEL = re.compile(
    r"company|employer|hiring\s+company|organi[sz]ation|unternehmen|arbeitgeber|firma|entreprise|employeur"
    r"|empresa|empleador|azienda|bedrijf|werkgever|компания|работодатель|роботодавець|pracodawca",
    re.IGNORECASE,
)
# An employer field that withholds the name: the posting has no company, whatever else the page names.
_WITHHELD_COMPANY = re.compile(
    r"^(?:confidential|confidencial|confidentiel(?:le)?|vertraulich|riservat[oa]|anonym(?:ous|e)?|an[óo]nim[oa]"
    r"|not\s+disclosed|undisclosed|no\s+divulgad[oa]|não\s+divulgad[oa]|конфиденциально|не\s+указан[ао]?)\b",
    re.IGNORECASE,
)
# Class or id words of the element that shows the employer's name ("company", "employer", "firma-head").
_COMPANY_MARKUP = frozenset(
    "company employer firma organization organisation arbeitgeber unternehmen empresa entreprise azienda"
    " bedrijf werkgever".split()
)
# The heading of a box about the employer, not its name ("公司基本信息", "Company information").
_COMPANY_SECTION_NAME = re.compile(
    r"信息|简介|介绍|\binformation\b|\binfo\b|\bdetails\b|\bprofile\b|\boverview\b|informationen|informations?\b"
    r"|информация|о\s+компании",
    re.IGNORECASE,
)
_NOT_COMPANY_MARKUP = frozenset(
    "logo location address size description about info industry rating reviews followers date".split()
)
# Headings of the posting's own text (tasks, requirements, offer), not facts about it: where a
# description starts after a header or a table of short fields.
_CONTENT_SECTION = re.compile(
    r"responsibilit|requirements|qualifications|what\s+you(?:'|’)?ll\s+do|about\s+the\s+(?:role|job|position)"
    r"|your\s+role|who\s+you\s+are|aufgaben|anforderungen|ihr\s+profil|dein\s+profil|was\s+wir\s+bieten"
    r"|das\s+bringst\s+du|vos\s+missions|les\s+missions|profil\s+recherch|votre\s+profil|requisitos"
    r"|responsabilidades|funciones|atribuições|requisiti|mansioni|wat\s+ga\s+je\s+doen|wat\s+vragen|wymagania"
    r"|obowiązki|обязанности|требования|обов['’]язки|вимоги|متطلبات|المؤهلات|المهام|الواجبات"
    r"|岗位职责|工作职责|任职要求|职位要求",
    re.IGNORECASE,
)
# A label written in front of the job's title in its heading ("Job Title: Web Developer").
_TITLE_PREFIX = re.compile(
    r"^(?:job\s+title|position(?:\s+title)?|job|role|stelle|poste|puesto|cargo|vaga|vacature|functie"
    r"|вакансия|должность)\s*:\s*(?=\S)",
    re.IGNORECASE,
)
# "Job Offer - JS Developer", "Вакансия: Официант": a vacancy word and a colon or dash before the job
_VACANCY_PREFIX = re.compile(
    r"^(?:job\s+offer|vacancy|vacature|vacante|vaga|stellenangebot|offre\s+d['’]emploi"
    r"|oferta\s+de\s+(?:trabajo|empleo)|вакансия|вакансія)\s*[:–—-]\s*(?=\S)",
    re.IGNORECASE,
)
# "Vacature Junior Adviseur | Tsavo": a <title> that puts a vacancy word in front of the job.
# "НАМ НУЖЕН BACKEND - РАЗРАБОТЧИК", "Wir suchen: Koch (m/w/d)", "We're hiring a Data Engineer": a
# hiring lead-in before the job in its heading; the job is what follows.
_HIRING_LEAD = re.compile(
    r"^(?:we(?:['’]re|\s+are)\s+(?:hiring|looking\s+for)|we\s+need|wir\s+suchen|on\s+recrute|nous\s+recrutons"
    r"|(?:se\s+)?busca(?:mos)?|cerchiamo|szukamy|(?:wij\s+)?zoeken|нам\s+(?:нужен|нужна|нужны|требуется)"
    r"|требуется|(?:мы\s+)?ищем|нам\s+потрібен|шукаємо)\s*:?\s+(?:(?:a|an|einen|eine|un|une|una|uno|een)\s+)?(?=\S)",
    re.IGNORECASE,
)
# "Wir suchen Dich als Koch": the lead-in addresses the reader; what follows is no title on its own.
_ADDRESSED = re.compile(r"^(?:dich|sie|euch|you|vous|toi|te|ti|tebe|тебя|вас|jou|jij|u)\b", re.IGNORECASE)
_VACANCY_WORD = re.compile(
    r"^(?:vacature|vacancy|vacante|vaga|stellenangebot|stellenanzeige|job|offre\s+d['’]emploi"
    r"|oferta\s+de\s+(?:trabajo|empleo)|вакансия|вакансія)\s*[:–-]?\s+",
    re.IGNORECASE,
)
_NOT_A_COMPANY = re.compile(
    r"^(?:us|uns|nous|nosotros|nós|ons|the\s|this\s|our\s|you|your\s|die\s|der\s|das\s|le\s|la\s|les\s|el\s|o\s|a\s)",
    re.IGNORECASE,
)
# Headings that name a part of the site, not a job.
_SITE_HEADINGS = re.compile(
    r"^(?:\W*)(?:site\s+)?navigation|menu\b|search\b|quick\s+links|skip\s+to|cookie|sign\s+in|log\s*in|join\b"
    r"|similar\s+jobs|more\s+jobs|related|recommended|notifications?|application\s+status|people\s+you"
    r"|about\s+(?:the\s+)?company|about\s+us|contact|follow\s+us|share|subscribe|newsletter|footer"
    r"|careers?$|jobs?$|kariera$|karriere$|carri[eè]res?$|carreiras?$|carreras?$|home$|welcome|security\s+verification|save\s+job|set\s+alert|report\s+this",
    re.IGNORECASE,
)
_SECTION_SIGNALS: tuple[str, ...] = (
    r"responsibilit|requirements|qualifications|what\s+you(?:'|’)?ll\s+do|what\s+you\s+will\s+do"
    r"|what\s+we\s+offer|about\s+the\s+(?:role|job|position)|your\s+role|job\s+description|key\s+skills"
    r"|who\s+you\s+are|what\s+we(?:'|’)re\s+looking\s+for|nice\s+to\s+have|must\s+have",
    r"aufgaben|anforderungen|ihr\s+profil|dein\s+profil|wir\s+bieten|was\s+wir\s+bieten|was\s+dich\s+erwartet"
    r"|stellenbeschreibung|qualifikation|deine\s+mission|berufserfahrung"
    # "Ergotherapeut/in gesucht", "Collega gezocht": German and Dutch ads put "wanted" after the role
    r"|\bgesucht\b|\bgezocht\b",
    r"vos\s+missions|les\s+missions|profil\s+recherch|votre\s+profil|description\s+du\s+poste|avantages"
    r"|ce\s+que\s+nous\s+offrons",
    r"requisitos|responsabilidades|funciones|ofrecemos|perfil\s+buscado",
    r"обязанности|требования|условия|мы\s+предлагаем|обов['’]язки|вимоги|умови|ми\s+пропонуємо",
    r"职位描述|岗位职责|工作职责|任职要求|职位要求|岗位要求|任职资格|福利待遇|仕事内容|応募資格|담당업무|자격요건"
    r"|متطلبات|المؤهلات|المهام|الواجبات",
    r"job\s+type|employment\s+type|type\s+of\s+employment|contract\s+type|job\s+function|seniority\s+level"
    r"|deadline|closing\s+date|application\s+deadline|beschäftigungsart|anstellungsart|type\s+de\s+contrat"
    r"|тип\s+занятости|зайнятість|занятость",
    r"we\s+are\s+looking\s+for|we(?:'|’)re\s+looking\s+for|we\s+are\s+hiring|join\s+our\s+team|years\s+of\s+experience"
    r"|wir\s+suchen|suchen\s+wir|nous\s+recherchons|buscamos|мы\s+ищем|шукає|шукаємо|سنوات\s+الخبرة|\d+\s*-\s*\d+\s*年",
    r"\bfull[- ]time\b|\bpart[- ]time\b|\bvollzeit\b|\bteilzeit\b|\bminijob\b|\bcdi\b|\bcdd\b|temps\s+plein"
    r"|полный\s+день|повна\s+зайнятість|jornada\s+completa",
    r"benef[ií]cios|diferenciais|atribuições|o\s+que\s+oferecemos|como\s+(?:se\s+)?candidatar|c[óo]mo\s+aplicar"
    r"|qu[ée]\s+ofrecemos|requisiti|mansioni|offriamo|будешь\s+заниматься|что\s+(?:мы\s+)?предлагаем|график\s+работы"
    r"|descriptif\s+du\s+poste|temps\s+de\s+travail|lieu\s+de\s+travail|wat\s+(?:wij|we)\s+(?:vragen|bieden)"
    r"|functieomschrijving|rahmenbedingungen|das\s+bringst\s+du|deine\s+aufgaben",
    r"wymagania|obowiązki|zakres\s+obowiązków|oferujemy|opis\s+stanowiska|mile\s+widziane|miejsce\s+pracy"
    r"|twoje\s+zadania|rodzaj\s+umowy|wymiar\s+etatu",
    r"wat\s+ga\s+je\s+doen|wat\s+vragen\s+(?:wij|we)|wat\s+bieden\s+(?:wij|we)|wie\s+zoeken\s+(?:wij|we)"
    r"|wie\s+ben\s+jij|wat\s+breng\s+je\s+mee|functie-?eisen|arbeidsvoorwaarden|wat\s+wij\s+je\s+bieden",
)
_SECTION_RES = tuple(re.compile(pattern, re.IGNORECASE) for pattern in _SECTION_SIGNALS)
_APPLY = re.compile(
    r"\bapply\b|\bbewerben\b|\bbewirb\b|\bbewerbung\b|\bpostuler\b|\bcandidater\b|\bcandidature\b"
    r"|\baplicar\b|\bpostular\b|\bcandidatura\b|\bsolliciteer|\bsolliciteren\b|\bоткликнуться\b|\bвідгукнутися\b|\baplikuj"
    r"|\bcandidatar(?:-se)?\b|\bcandidate-se\b|\bcandidati\b"
    r"|\bsollicitatie\b|\bwyślij\s+cv\b"  # nl "Mail je sollicitatie", pl "Wyślij CV"
    r"|立即沟通|投递简历|申请职位|立即申请|応募する|지원하기|قدم\s+الآن|تقدم\s+للوظيفة",
    re.IGNORECASE,
)
_GONE = re.compile(
    r"job\s+not\s+found|position\s+not\s+found|posting\s+not\s+found|no\s+longer\s+(?:available|accepting|active)"
    r"|(?:job|position|posting)\s+(?:has\s+)?(?:expired|been\s+filled|closed)|no\s+(?:current\s+)?open(?:ings|\s+positions)"
    r"|there\s+are\s+no\s+(?:open|current)|no\s+vacancies|nicht\s+gefunden|nicht\s+mehr\s+verfügbar|bereits\s+besetzt"
    r"|keine\s+offenen\s+stellen|nicht\s+mehr\s+aktiv|n['’]est\s+plus\s+(?:disponible|en\s+ligne|active)"
    r"|offre\s+expirée|aucun\s+poste|aucune\s+offre|pas\s+de\s+poste|ya\s+no\s+está\s+disponible"
    r"|no\s+hay\s+vacantes|вакансия\s+(?:не\s+найдена|закрыта|в\s+архиве)|вакансі[яю]\s+(?:не\s+знайдено|закрито)",
    re.IGNORECASE,
)
# Job boards and applicant-tracking systems: their name is never the hiring company's.
_JOB_BOARDS = frozenset(
    "linkedin indeed glassdoor stepstone monster xing djinni hh headhunter welcometothejungle workday"
    " myworkdayjobs greenhouse lever smartrecruiters ashby workable personio recruitee bamboohr jazzhr"
    " jobvite icims taleo successfactors teamtailor join jobs careers career karriere stellenangebote"
    " ziprecruiter simplyhired careerbuilder dice wellfound angellist otta remotive remoteok weworkremotely"
    " arbeitnow jobteaser apec pole-emploi francetravail infojobs computrabajo rabota work topjobs"
    " bdjobs naukri seek reed totaljobs cwjobs jooble adzuna google facebook twitter x instagram".split()
)
_LOCATION_LABEL = re.compile(
    r"(?:(?:job|work|office)\s+)?location|standort|arbeitsort|einsatzort|dienstort|ort|lieu(?:\s+de\s+travail)?"
    r"|localisation|ubicación|localidad|sede(?:\s+di\s+lavoro)?|luogo(?:\s+di\s+lavoro)?|местоположение"
    # Dutch job boxes name the place "Plaats", "(Werk)locatie" or "Standplaats"; "Vestiging" (branch)
    # comes after them so the job's own place is read first.
    r"|город|місто|локація|plaats|(?:werk)?locatie|werkplek|standplaats|vestiging|lokalizacja|miejsce\s+pracy|工作地点|工作地址|مكان\s+العمل"
    r"|sucursal|filial|branch|niederlassung|local(?:\s+de\s+trabalho)?|localização|lugar\s+de\s+trabajo"
    # the town itself named as the field: "Ville : Lyon", "Ciudad: Quito", "Miasto: Kraków"
    r"|ville|ciudad|città|località|cidade|stadt|miasto|населённый\s+пункт|населенный\s+пункт|workplace",
    re.IGNORECASE,
)
# An address field ("Adresse : 12 rue X, 69002 Lyon", "Адрес: Минск, ул. Ленина, 1А"): its town is the place.
_ADDRESS_LABEL = re.compile(
    r"(?:work\s+|office\s+)?address|adresse|anschrift|dirección|direccion|indirizzo|endereço|adres|адрес|адреса",
    re.IGNORECASE,
)
_EMPLOYMENT_LABEL = re.compile(
    r"^(?:job\s+type|employment\s+type|type\s+of\s+employment|contract\s+type|work\s+type|availability|type|tipo"
    r"|tipo\s+de\s+empleo|type\s+d['’]emploi|vertragsart|вид\s+занятости"
    r"|beschäftigungsart|anstellungsart|arbeitszeit|type\s+de\s+contrat|tipo\s+de\s+(?:contrato|jornada)"
    r"|temps\s+de\s+travail|jornada(?:\s+laboral)?|regime\s+de\s+trabalho|carga\s+horária|orario(?:\s+di\s+lavoro)?"
    r"|werktijden|dienstverband|график\s+работы"
    r"|тип\s+занятости|занятость|зайнятість)\b\s*:?\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_EMPLOYMENT_IN_TITLE = re.compile(
    r"\b(?:full[- ]?time|part[- ]?time|vollzeit|teilzeit|temps\s+(?:plein|partiel)|internship|praktikum"
    r"|werkstudent(?:in)?|minijob|tiempo\s+(?:completo|parcial)|tempo\s+(?:pieno|parziale)|voltijd|deeltijd)\b",
    re.IGNORECASE,
)
_PAY_LABEL = re.compile(
    # "Offered Salary", "Expected salary", "Annual salary": a qualifier in front of the salary label
    r"(?:(?:offered|expected|annual|monthly|base|gross|starting)\s+salary|salary|salary\s+range|pay|pay\s+range|compensation|wage|gehalt|vergütung|salaire|rémunération|salario"
    r"|sueldo|salário|remuneração|retribuzione|stipendio|wynagrodzenie|salaris|зарплата|заработная\s+плата|оклад|зарплата|الراتب"
    r"|薪资|薪酬|月薪|급여|給与)",
    re.IGNORECASE,
)
_EMPLOYMENT_LINE = re.compile(
    r"^(?:full[- ]?time|part[- ]?time|contract|internship|temporary|freelance|vollzeit|teilzeit|praktikum"
    r"|werkstudent|minijob|temps\s+plein|temps\s+partiel|stage|полный\s+день|fulltime|parttime"
    r"|полная\s+занятость|частичная\s+занятость|tempo\s+pieno|tempo\s+parziale|tiempo\s+completo"
    r"|jornada\s+completa|media\s+jornada|全职|兼职|دوام\s+كامل|دوام\s+جزئي)$",
    re.IGNORECASE,
)
_REMOTE_LINE = {
    RemoteType.REMOTE: re.compile(
        r"^(?:fully\s+)?remote(?:\s+only)?(?:\s*\([^)]{1,30}\))?$|^100\s?%\s+remote$|^remote[- ]first$|^télétravail\s+complet$"
        r"|^(?:vollständig\s+)?remote$|^только\s+удал[её]нно$|^тільки\s+віддалено$|^удал[её]нная\s+работа$",
        re.IGNORECASE,
    ),
    RemoteType.HYBRID: re.compile(r"^hybrid$|^hybride?$|^гибрид$|^гібрид$", re.IGNORECASE),
    RemoteType.ON_SITE: re.compile(
        r"^on[- ]?site$|^in[- ]office$|^vor\s+ort$|^sur\s+site$|^presencial$", re.IGNORECASE
    ),
}
_REMOTE_SENTENCES = (
    (RemoteType.REMOTE, re.compile(
        r"\bfully\s+remote\b|\b100\s?%\s+remote\b|\bthis\s+(?:is\s+a\s+)?(?:role|position|job)\s+is\s+(?:fully\s+)?remote"
        r"|\bremote\s+(?:position|role|job)\b|\bwork\s+from\s+anywhere\b|\bvollständig\s+remote\b"
        r"|\b100\s?%\s+télétravail\b",
        re.IGNORECASE,
    )),
    (RemoteType.ON_SITE, re.compile(
        r"\b(?:this\s+)?(?:role|position|job)\s+is\s+based\s+(?:in|at)\s+our\b[^.\n]{0,60}\b(?:office|HQ|headquarters)\b"
        r"|\bthis\s+is\s+an\s+on[- ]?site\s+(?:role|position)\b",
        re.IGNORECASE,
    )),
)  # fmt: skip
_HEADING_TAGS = ("h1", "h2", "h3", "h4")
_CHIP_TAGS = ("span", "a", "b", "strong", "em", "small", "label")
_PSEUDO_HEADING_TAGS = frozenset({"p", "div", "span", "td", "strong", "b", "label", "header"})
_HEADING_MARK = "\ue000"  # marks a heading's line in the text (a private-use character no page uses)
_NOISE_HINTS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|footer|sidebar|cookie|consent|modal|dialog|popup"
    r"|signin|sign-in|signup|sign-up|login|newsletter|share|social|similar|related|recommend"
    r"|notification|skip-link|sr-only|visually-hidden|screen-reader)",
    re.IGNORECASE,
)
_CONTENT_HINTS = re.compile(
    r"description|content|job|posting|vacanc|article|main|body|details|entry|text|markup", re.IGNORECASE
)
_INVISIBLE_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•:»/]\s+|\s+-\s+|\s+@\s+")
_HIRING_TITLE = re.compile(
    r"^(?P<company>.+?)\s+(?:is\s+)?hiring\s+(?:for\s+)?(?P<title>.+?)(?:\s+in\s+(?P<place>.+?))?$",
    re.IGNORECASE,
)
_OTHER_JOBS = re.compile(
    r"\b(?:similar|other|more|related|recommended|recent(?:ly)?)\b|weitere|ähnliche|autres|similaires|otras"
    r"|similares|altre|похожие|другие|схожі|інші|相似|更多|其他",
    re.IGNORECASE,
)
_TITLE_AT = re.compile(r"^(?P<title>.+?)\s+(?:at|@|bei|chez)\s+(?P<company>[^|]+?)$", re.IGNORECASE)
_ROLE_AT = re.compile(
    r"\b(?:role|position|job|opening|team)\s+(?:at|bei|chez)\s+(?P<company>[A-Z0-9][\w&'’.-]*(?:\s+[A-Z0-9&][\w&'’.-]*){0,4})"
)
_COPYRIGHT = re.compile(
    # "© Copyright 2016-2017 humaxis GbR" writes the word after the sign as often as before it
    r"(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:copyright\s*)?(?:\d{4}\s*(?:[-–]\s*\d{4})?\s*)?"
    r"(?P<company>[A-Z][\w&'’.,-]*(?:\s+[A-Z0-9&][\w&'’.-]*){0,4})",
    re.IGNORECASE,
)
_COPYRIGHT_END = re.compile(
    # "©2018 All Right Reserved": the singular is written too, and is no name either
    r"[.,|]\s|[.,]$|(?:^|\s+)(?:all\s+rights?|alle\s+rechte|tous\s+droits|todos\s+los\s+derechos|todos\s+os\s+direitos"
    r"|tutti\s+i\s+diritti|alle\s+rechten|все\s+права|усі\s+права"
    r"|terms|privacy|impressum)",
    re.IGNORECASE,
)
_PLACE = r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЇІЄҐ][\w'’.-]*(?:[ -](?:[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЇІЄҐ][\w'’.-]*|de|la|le|am|an|der|in|del|di|sur|upon|on))*"
_PLACE_LINE = re.compile(rf"(?P<place>{_PLACE}(?:,\s*{_PLACE}){{1,3}})")
_PLACE_PREPOSITIONS = (
    r"(?:in|near|to|from|at|nach|aus|bei|im|à|en|au|près\s+de|a|de|van|te|uit|naar|в|во|из|у|з|w|we|z)"
)
_DESCRIPTION_LABEL = re.compile(
    r"^(?:about\s+the\s+(?:job|role|position)|job\s+description|description|job\s+details|the\s+role"
    r"|(?:stellen|job|tätigkeits)beschreibung|beschreibung|description\s+du\s+poste|descriptif\s+du\s+poste|descripción(?:\s+del\s+puesto)?"
    r"|descrição(?:\s+da\s+vaga)?|descrizione(?:\s+del(?:la)?\s+(?:posizione|lavoro))?|(?:functie\s*)?omschrijving"
    # "About the job" written in other languages is as generic as "Job description": the text under it
    # is the posting's, the heading is not (nl "Over de functie", pt "Sobre a vaga", es "Descripción de la
    # oferta laboral", de "Über die Stelle", fr "À propos du poste", pl "O stanowisku", ru "О вакансии").
    r"|over\s+de\s+(?:functie|vacature|baan)|sobre\s+(?:a\s+vaga|o\s+cargo|el\s+puesto|la\s+vacante|el\s+empleo)"
    r"|descripci[oó]n\s+de\s+la\s+(?:oferta|vacante)(?:\s+laboral)?|über\s+die\s+stelle|à\s+propos\s+du\s+poste"
    r"|o\s+stanowisku|о\s+вакансии|про\s+вакансію"
    r"|opis\s+stanowiska|описание(?:\s+вакансии)?|опис(?:\s+вакансії)?|职位描述|岗位描述|职位详情|仕事内容|وصف\s+الوظيفة|الوصف\s+الوظيفي)\s*[:：]?$",
    re.IGNORECASE,
)
_DESCRIPTION_PREFIX = re.compile(
    r"^(?:job\s+description|description|descripción(?:\s+del\s+puesto)?|descrição(?:\s+da\s+vaga)?|beschreibung"
    r"|stellenbeschreibung|description\s+du\s+poste|descriptif\s+du\s+poste|descrizione|описание(?:\s+вакансии)?)"
    r"\s*[:：]\s+(?=\S)",
    re.IGNORECASE,
)
_NOT_A_PLACE = re.compile(
    r"\d|full[- ]?time|part[- ]?time|permanent|contract|freelance|intern|remote|hybrid|on[- ]?site|vollzeit|teilzeit"
    r"|befristet|\bcdi\b|\bcdd\b|posted|\bago\b|applicants?|apply|salary|gehalt|senior|junior|level",
    re.IGNORECASE,
)
_GENERIC_PAGE_NAME = re.compile(
    r"vacanc|\bjobs?\b|(?<=[a-zäöü])job\b|career|details|\bpage\b|\btitle\b|position|opening|stellen|karriere|emploi|empleo"
    r"|vacante|lavoro|ваканс|страниц|заголов|работа|карьер|кар['’]єр"
    # "Werken bij", "Arbeiten bei", "Work with us", "Trabaja con nosotros", "Lavora con noi", "Trabalhe
    # conosco", "Rejoignez-nous", "Kariera": what a careers page calls itself, never the employer.
    r"|werken\s+bij|arbeiten\s+bei|work\s+with\s+us|join\s+us|trabaja\s+con|lavora\s+con|trabalhe\s+conosco"
    r"|rejoignez|kariera|praca\s+w|recrutement|recruiting",
    re.IGNORECASE,
)
# Hosts that can name no one (RFC 2606 and 6761): a page saved or served from them has no company.
_RESERVED_HOST = re.compile(
    r"(?:^|\.)(?:example\.(?:com|net|org)|[^.]+\.(?:test|example|invalid|localhost))$"
)
_HEADER_SEPARATORS = re.compile(r"\s+[—–·|•]\s+")
MAX_HEADER_LINES = 8  # lines after the title that may still belong to the posting's header
PAY_ZONE_LINES = 20  # lines after the title searched for the pay of a posting with structured data


class NotAPosting(Exception):
    """The page is plainly not a job posting; `reason` says why, for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(slots=True)
class PageReading:
    """A posting read from a page's structure. `inferred` names every field set here."""

    title: str
    company: str = ""
    locations: list[str] = field(default_factory=list)
    remote_type: RemoteType = RemoteType.UNKNOWN
    employment_type: str = ""
    pay: Pay | None = None
    description_text: str = ""
    description_html: str = ""
    inferred: list[str] = field(default_factory=list)


# ---- helpers --------------------------------------------------------------------------------------


def _clean(text: str | None) -> str:
    return " ".join((text or "").replace(_HEADING_MARK, "").split())


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(
        re.sub(r"[^\w]+", " ", "".join(c for c in decomposed if not unicodedata.combining(c))).split()
    )


def _meta(document: lxml.html.HtmlElement, *names: str) -> str:
    for name in names:
        for element in document.xpath("//meta[@property=$n or @name=$n]", n=name):
            content = _clean(element.get("content"))
            if content:
                return content
    return ""


def _is_board(name: str) -> bool:
    words = _plain(name).replace(" ", "")
    return (
        not words
        or words in _JOB_BOARDS
        or any(words == board or words.startswith(board + "com") for board in _JOB_BOARDS)
    )


def _ancestors(element: lxml.html.HtmlElement) -> Iterable[lxml.html.HtmlElement]:
    parent = element.getparent()
    while parent is not None:
        yield parent
        parent = parent.getparent()


def _hints(element: lxml.html.HtmlElement) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''} {element.get('role') or ''}"


def _is_invisible(element: lxml.html.HtmlElement) -> bool:
    return (
        element.get("hidden") is not None
        or (element.get("aria-hidden") or "").lower() == "true"
        or bool(_INVISIBLE_STYLE.search(element.get("style") or ""))
        or bool(re.search(r"(?:^|\s)(?:sr-only|visually-hidden|screen-reader-text|d-none|hidden)(?:\s|$)",
                          element.get("class") or ""))
    )  # fmt: skip


def _is_boilerplate(element: lxml.html.HtmlElement) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in {"nav", "footer", "aside", "dialog", "menu"}:
        return True
    role = (element.get("role") or "").lower()
    if role in {"navigation", "contentinfo", "dialog", "alertdialog", "banner", "search", "complementary"}:
        return True
    hints = _hints(element)
    if not _NOISE_HINTS.search(hints) or tag in {"body", "html", "main", "article"}:
        return False
    # A share or social widget is icon links; a box named "information-and-share" that holds a job
    # summary (headings and text outside its links) is content.
    if re.search(r"share|social", hints, re.IGNORECASE) and not re.search(
        r"nav|menu|footer|sidebar|modal|popup|cookie|related|similar", hints, re.IGNORECASE
    ):
        link_text = sum(len(_clean(link.text_content())) for link in element.iter("a"))
        if element.xpath(".//h1|.//h2|.//h3|.//h4") and len(_clean(element.text_content())) - link_text > 120:
            return False
    # Site themes name the page-title banner "breadcrumb_area" / "breadcrumbs-section": an element
    # named so that holds the page's <h1> is that banner (the job's title on job pages), not the
    # trail of links, which is dropped on its own when it is an element of its own.
    if re.search(r"breadcrumb", hints, re.IGNORECASE) and element.xpath(".//h1"):
        return False
    return True


def _drop(element: lxml.html.HtmlElement) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail and element.tail.strip():  # keep the text that follows the dropped element
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _title_parts(page_title: str) -> list[str]:
    return [part.strip() for part in _TITLE_SEPARATORS.split(page_title) if part.strip()]


# ---- the reader -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Page:
    page_title: str
    og_title: str
    site_name: str
    twitter_site: str
    own_url: str
    copyright_company: str
    meta_place: str  # <meta name="geo.placename"> / og:locality: where the page says it is
    headings: list[tuple[str, str, lxml.html.HtmlElement]]  # visible headings outside boilerplate, in order
    body: lxml.html.HtmlElement  # boilerplate removed


def _prepare(document: lxml.html.HtmlElement) -> _Page:
    document = copy.deepcopy(document)
    title_elements = document.xpath("//title")
    page = _Page(
        page_title=_clean(title_elements[0].text_content()) if title_elements else "",
        og_title=_meta(document, "og:title", "twitter:title"),
        site_name=_meta(document, "og:site_name", "application-name"),
        twitter_site=_meta(document, "twitter:site").lstrip("@"),
        own_url=_meta(document, "og:url")
        or next((link.get("href") or "" for link in document.xpath("//link[@rel='canonical']")), ""),
        copyright_company="",
        meta_place=_meta(document, "geo.placename", "og:locality", "business:contact_data:locality"),
        headings=[],
        body=(document.xpath("//body") or [document])[0],
    )
    for dropped in document.xpath("//script|//style|//noscript|//template|//svg|//iframe|//object|//head"):
        _drop(dropped)
    for element in list(page.body.iter()):
        if isinstance(element.tag, str) and element.getparent() is not None and _is_invisible(element):
            _drop(element)
    _separate_chips(page.body)
    _separate_labels(page.body)
    footer_text = " ".join(
        _clean(f.text_content()) for f in page.body.xpath(".//footer|.//*[@role='contentinfo']")
    )
    copyright_match = _COPYRIGHT.search(footer_text or _clean(page.body.text_content())[-3000:])
    if copyright_match:
        name = _COPYRIGHT_END.split(copyright_match.group("company"))[0].rstrip(".,")
        # The year may follow the name ("© combinvest AG 2020", "© Acme 2019-2024"): it dates the
        # notice and is no part of the name.
        page.copyright_company = re.sub(r"(?:\s+(?:\d{4}(?:\s*[-–]\s*\d{2,4})?))+$", "", name).rstrip(".,")
    for element in list(page.body.iter()):
        if isinstance(element.tag, str) and element.getparent() is not None and _is_boilerplate(element):
            _drop(element)
    for element in list(page.body.iter(*_HEADING_TAGS)):
        # "<h1>Maak het verschil<br>als ambulant coach</h1>": a line break inside a heading separates
        # words; the heading's text must not run them together ("verschilals").
        for line_break in element.iter("br"):
            line_break.tail = " " + (line_break.tail or "")
        for subtitle in element.iter("small"):
            # "<h1>Electrician <small>Full-Time<br>Orange County, CA</small></h1>": a subtitle line
            if _clean(subtitle.text_content()) and _clean(element.text or ""):
                subtitle.addprevious(lxml.html.Element("br"))
                element.set("data-subtitle", _clean(subtitle.text_content()))
        _mark_emphasised_title(element)
    for element in page.body.iter():
        level = _heading_level(element)
        if level is None:
            continue
        text = _clean(element.text_content())
        subtitle = element.get("data-subtitle")
        if subtitle and text.endswith(subtitle):
            text = text[: -len(subtitle)].strip()
        if element.tag not in _HEADING_TAGS and not 3 <= len(text) <= 150:
            continue
        if text:
            page.headings.append((level, text, element))
        element.text = _HEADING_MARK + (element.text or "")
    return page


def _mark_emphasised_title(heading: lxml.html.HtmlElement) -> None:
    """ "<h1><strong>Architekt/in (m/w/d)</strong> in Voll- und Teilzeit</h1>": the emphasised job title
    opens the heading and the rest is a subtitle line (the hours, the place), as with <small>."""
    first = next((child for child in heading if isinstance(child.tag, str)), None)
    if first is None or first.tag not in {"strong", "b", "em", "span"} or _clean(heading.text or ""):
        return
    if heading.get("data-subtitle"):
        return
    emphasised = _clean(first.text_content())
    rest = _clean(heading.text_content())[len(emphasised) :].strip()
    if (
        _names_job(emphasised)
        and rest
        and not _names_job(rest)
        and (rest[0].islower() or rest[0] in "-–—|·,")
        and _clean(heading.text_content()).startswith(emphasised)
    ):
        line_break = lxml.html.Element("br")
        line_break.tail, first.tail = first.tail, None
        first.addnext(line_break)
        heading.set("data-subtitle", rest)


def _separate_chips(body: lxml.html.HtmlElement) -> None:
    """Put " · " between styled inline siblings that touch ("<span>Remote</span><span>Full-time</span>"):
    the page shows them as separate chips, but their text would run together ("RemoteFull-time")."""
    for element in body.iter(*_CHIP_TAGS):
        previous = element.getprevious()
        if (
            previous is not None
            and previous.tag == element.tag
            and not previous.tail
            and previous.get("class")
            and element.get("class")
            and _clean(previous.text_content())
            and _clean(element.text_content())
        ):
            previous.tail = " · "
    # A row of chips written on separate source lines ("<div><span>Rotterdam</span>\n<span>Fulltime</span>
    # </div>"): a container holding only two or more short styled inline elements shows them apart.
    for parent in body.iter():
        children = [child for child in parent if isinstance(child.tag, str)]
        if (
            len(children) < 2
            or (parent.text or "").strip()
            or any(child.tag not in _CHIP_TAGS or (child.tail or "").strip() for child in children)
            or not all(child.get("class") or child.get("style") for child in children)
        ):
            continue
        texts = [_clean(child.text_content()) for child in children]
        if all(0 < len(text) <= 40 for text in texts):
            for child in children[:-1]:
                child.tail = " · "


def _separate_labels(body: lxml.html.HtmlElement) -> None:
    """Put each of a run of sibling <label> fields on its own line ("<label>Salário: <span>R$ 5.000
    </span></label><label>Empresa: ...</label>"): styled as rows, but inline to a text converter."""
    for parent in body.iter():
        labels = [child for child in parent if child.tag == "label" and ":" in _clean(child.text_content())]
        if len(labels) < 2:
            continue
        for label in labels[1:]:
            label.addprevious(lxml.html.Element("br"))


def _hint_tokens(element: lxml.html.HtmlElement) -> set[str]:
    """The words of an element's class and id: "vacancy-detail__title h2" and "lblJobTitle" give
    {"vacancy", "detail", "title", "h2"} and {"lbl", "job", "title"}."""
    hints = f"{element.get('class') or ''} {element.get('id') or ''}"
    return {word.lower() for word in re.findall(r"\b[hH][1-6]\b|[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", hints)}


def _heading_level(element: lxml.html.HtmlElement) -> str | None:
    """h1-h4 for a heading: a real one, or an element that only looks like one (role="heading", a
    class or id naming it a title or "h2"): many job pages set the job's title in a styled <p>/<div>
    or an ASP.NET label ("lblJobTitle")."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _HEADING_TAGS:
        return tag
    if tag not in _PSEUDO_HEADING_TAGS:
        return None
    level: str | None = None
    if (element.get("role") or "").lower() == "heading":
        aria_level = element.get("aria-level") or "2"
        level = f"h{min(max(int(aria_level), 1), 4)}" if aria_level.isdigit() else "h2"
    elif element.get("class") or element.get("id"):
        tokens = _hint_tokens(element)
        level = next((name for name in ("h1", "h2", "h3", "h4") if name in tokens), None)
        if level is None and "title" in tokens and not tokens & {"sub", "subtitle"}:
            level = "h2"
    # A block that holds a real heading is a section, not a heading (checked last: it walks the subtree).
    if level is None or element.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6"):
        return None
    return level


def _names_job(text: str) -> bool:
    """A job title ("Backend Engineer", "Koch (m/w/d)") or a heading naming a vacancy ("Вакансия Официант")."""
    return bool(_JOB_WORDS.search(text) or _VACANCY_HEADING.match(text))


def _job_title_under(page: _Page, heading: str, lines: list[str]) -> tuple[str, str]:
    """(title, company) when the chosen heading is the page's generic one ("Detalhes da Vaga",
    "Offres d'emploi ...") rather than the job's: a labelled title field ("Intitulé du poste ...",
    "Job title: ...") or else the short line right under the heading ("Auxiliar Contábil - TOK
    Contábil": "{title} - {company}"). ("", "") when the heading is the job's own or nothing fits."""
    if _names_job(heading):
        return "", ""
    labelled = _labelled(lines, _TITLE_LABEL, lambda value: 3 <= len(value) <= 80)
    if labelled and _names_job(labelled):
        return labelled, ""
    if not _GENERIC_HEADING.fullmatch(heading.strip(" :!")):
        return "", ""
    plain_heading = _plain(heading)
    start = next((index for index, line in enumerate(lines) if _plain(line) == plain_heading), None)
    if start is None or start + 1 >= len(lines):
        return "", ""
    line = lines[start + 1]
    if (
        not 3 <= len(line) <= 80
        or len(line.split()) > 10
        or line.endswith(":")
        or _DESCRIPTION_LABEL.match(line)
        or (any(pattern.search(line) for pattern in _SECTION_RES) and not _names_job(line))
        or _SITE_HEADINGS.search(line)
    ):
        return "", ""
    parts = _title_parts(line)
    if len(parts) == 2 and not _names_job(parts[1]) and not _is_board(parts[1]):
        return parts[0], parts[1]
    return line, ""


def _title(page: _Page) -> str:
    references = [part for title in (page.page_title, page.og_title) for part in _title_parts(title)]
    for title in (page.page_title, page.og_title):
        hiring = _HIRING_TITLE.match(_title_parts(title)[0]) if title else None
        if hiring:
            references.append(hiring.group("title"))
    plain_references = {_plain(reference) for reference in references}
    # The site's own name beside a careers-page name in the <title> ("Camping X · Werken bij"): a
    # heading that repeats it is the site's banner, not the job, and gets no bonus for the repeat.
    site_names = {
        _plain(name)
        for title in (page.page_title, page.og_title)
        for parts in [_title_parts(title) if title else []]
        if len(parts) == 2
        for name, other in ((parts[0], parts[1]), (parts[1], parts[0]))
        if _is_careers_name(other) and not _is_careers_name(name)
    }
    best, best_score = "", 0.0
    for position, (tag, text, _) in enumerate(page.headings):
        if len(text) < 3 or len(text) > 150 or _SITE_HEADINGS.search(text):
            continue
        score = {"h1": 3.0, "h2": 2.0, "h3": 1.0, "h4": 0.5}[tag]
        if text.rstrip().endswith(":"):
            # "Candidature :", "Postuler :", "Requirements:": a heading ending in a colon labels what
            # follows it; it is never the job's own name
            score -= 3
        if text.rstrip().endswith("?"):
            # "Ben jij die gedreven eindredacteur?", "Who are we looking for?": a prompt, not a title;
            # it stays a candidate for a page whose only job-naming heading is a question
            score -= 2.5
        job_like = _names_job(text)
        if _plain(text) in plain_references and _plain(text) not in site_names:
            # Repeating the <title> counts most when the heading also reads as a job: a portal's
            # name is often both the <title> and the <h1>, above the job's own heading.
            score += 5 if job_like else 1.5
        if job_like:
            score += 3
        if len(text.split()) > 12:
            score -= 2
        score -= position * 0.01  # earlier wins a tie
        if score > best_score:
            best, best_score = text, score
    if best and best_score >= 3:
        return best
    # No heading fits: the part of the page's title that names a job, cleaned of the site's name.
    for candidate in references:
        if _JOB_WORDS.search(candidate) and not _is_board(candidate):
            return candidate
    return best


def _title_at_company(page: _Page, heading: str) -> tuple[str, str]:
    """("Backend Engineer", "VectorShift") from a title that reads "{job} at {company}" (also "@",
    "bei", "chez"), in the heading or in the page's <title>/og:title for the same job; else
    (heading, "")."""
    candidates = [heading] + [
        part for text in (page.page_title, page.og_title) for part in _title_parts(text)
    ]
    for candidate in candidates:
        shape = _TITLE_AT.match(candidate)
        if not shape:
            continue
        job, company = (
            shape.group("title").strip(),
            re.sub(r"\s*\([^)]*\)$", "", shape.group("company")).strip(),
        )
        if (
            _plain(heading).startswith(_plain(job))
            and _JOB_WORDS.search(job)
            and company
            and len(company.split()) <= 6
            and not _JOB_WORDS.search(company)
            and not _is_board(company)
        ):
            return job, company
    return heading, ""


def _listed_jobs(page: _Page, title: str) -> list[str]:
    """The job titles of a page that lists openings ("36 offene Positionen": an <h3> per job) rather
    than describing one: the chosen title is one of three or more headings of the same level that
    each name a job, and no <h1> names one. A posting's own "similar jobs" list sits under its <h1>."""
    if any(tag == "h1" and _JOB_WORDS.search(text) for tag, text, _ in page.headings):
        return []
    level = next((tag for tag, text, _ in page.headings if text == title), None)
    if level is None:
        return []
    elsewhere = _listed_elsewhere(page, title)
    if elsewhere:
        return elsewhere
    same = list(dict.fromkeys(
        text for tag, text, element in page.headings
        if tag == level and element.tag in _HEADING_TAGS and len(text) <= 100 and _JOB_WORDS.search(text)
    ))  # fmt: skip
    if title not in same or len(same) < 2:
        return []
    if len(same) < 3:
        # Two jobs are a list when a heading above them announces openings ("Offene Stellenangebote").
        texts = [text for _, text, _ in page.headings]
        if not any(_OPENINGS_HEADING.search(text) for text in texts[: texts.index(title)]):
            # ... or a sentence just above them does ("Zur Zeit sind folgende Stellen zu besetzen.")
            body = _clean(page.body.text_content())
            at = body.find(same[0])
            if at < 0 or not _OPENINGS_SENTENCE.search(body[max(0, at - 300) : at]):
                return []
    # "<h2>Backend Engineer</h2> ... <h2>Other openings</h2><h2>QA Engineer</h2>": one posting and its list
    texts = [text for _, text, _ in page.headings]
    following = texts[texts.index(title) + 1 :]
    next_job = next((index for index, text in enumerate(following) if text in same), len(following))
    if any(_OTHER_JOBS.search(text) for text in following[:next_job]):
        return []
    return same


def _listed_jobs_of_level(page: _Page, level: str) -> list[str]:
    return list(dict.fromkeys(
        text for tag, text, element in page.headings
        if tag == level and element.tag in _HEADING_TAGS and len(text) <= 100 and _names_job(text)
    ))  # fmt: skip


def _listed_elsewhere(page: _Page, title: str) -> list[str]:
    """The openings of a list page whose chosen title is none of them (a contact's role, "Руководитель
    лаборатории", under four <h3> vacancies): three or more job headings of one level, with no
    "Similar jobs" heading above them (a posting's own list of other jobs)."""
    texts = [text for _, text, _ in page.headings]
    for level in _HEADING_TAGS:
        same = _listed_jobs_of_level(page, level)
        if len(same) < 3 or title in same:
            continue
        first = texts.index(same[0])
        if not any(_OTHER_JOBS.search(text) for text in texts[:first]):
            return same
    return []


def _company_beside_place(header: list[str]) -> str:
    """ "Nordlicht Studio · Leipzig, Germany": the name written beside the job's place under the title."""
    for line in header:
        parts = [part.strip() for part in _HEADER_SEPARATORS.split(line)]
        places = [
            index for index, part in enumerate(parts)
            if _is_place(part) or any(pattern.match(part) for pattern in _REMOTE_LINE.values())
        ]  # fmt: skip
        if not places:
            continue
        for part in parts[: places[0]]:
            words = part.split()
            if (
                1 <= len(words) <= 5
                and part[:1].isupper()
                and not _JOB_WORDS.search(part)
                and not _NOT_A_PLACE.search(part)
                and not _is_board(part)
            ):
                return part
    return ""


def _one_place(text: str) -> bool:
    """ "LE LOROUX BOTTEREAU", "Uetze": a single place name of up to three capitalised words."""
    return (
        bool(re.fullmatch(_PLACE, text))
        and len(text.split()) <= 3
        and all(word[:1].isupper() for word in text.split())
        and not _NOT_A_PLACE.search(text)
    )


def _is_place(text: str) -> bool:
    found = _PLACE_LINE.match(text)
    return bool(found) and not _NOT_A_PLACE.search(found.group("place"))


def _company(page: _Page, title: str, lines: list[str], header: list[str]) -> str:
    labelled = _labelled(lines, _COMPANY_LABEL, None)
    if labelled and len(labelled) <= 60 and len(labelled.split()) <= 8 and not labelled.endswith("."):
        if _WITHHELD_COMPANY.match(labelled):
            return ""  # "Empresa: Confidencial": the employer is withheld, the site's name is not it
        if not _names_job(labelled) and not _is_board(labelled):
            return labelled
    # The element the page marks as the employer's ("<span class="company">") is the posting's own
    # statement; og:site_name and the <title> name the site, which on a board is not the employer.
    by_markup = _company_by_markup(page, title)
    if by_markup:
        return by_markup
    # "компания QIWI", "Empresa Acme S.A.": a line under the title that names the employer after the
    # word for a company, without a colon; the posting's own statement, before the site's names.
    named = _labelled(header, _COMPANY_LABEL, _names_company) or _name_and_department_town(header)[0]
    if named:
        return named
    if page.site_name and not _is_board(page.site_name):
        return page.site_name
    for page_title in (page.og_title, page.page_title):
        parts = _title_parts(page_title)
        if not parts:
            continue
        hiring = _HIRING_TITLE.match(parts[0])
        if hiring and not _is_board(hiring.group("company")):
            return hiring.group("company")
        if len(parts) == 2 and _GENERIC_HEADING.fullmatch(parts[0]) and not _names_job(parts[1]):
            if not _is_board(parts[1]) and not _GENERIC_PAGE_NAME.search(parts[1]):
                return parts[1]  # "Stellenausschreibung – Family Care Lemke UG"
        # "DNLMarket - Карьера", "Kariera | PZRE BESTAL", "Camping X · Werken bij": a careers page's
        # <title> is the site's name beside the page's own name, in either order.
        if len(parts) == 2:
            for name, other in ((parts[0], parts[1]), (parts[1], parts[0])):
                if (
                    _is_careers_name(other)
                    and not _is_careers_name(name)
                    and not _names_job(name)
                    and not _is_board(name)
                    and not _same_job(name, title)
                ):
                    return name
        if len(parts) >= 3 and any(_is_careers_name(part) for part in parts):
            # "Augurs-Technologien | Einzeljob | Unternehmen für Software, ...": beside the page's own
            # name, the one short part that is neither the job nor a tagline is the site's name
            names = [
                part for part in parts
                if not _is_careers_name(part) and not _names_job(part) and not _is_board(part)
                and not _same_job(part, title) and len(part.split()) <= 4
            ]  # fmt: skip
            if len(names) == 1:
                return names[0]
        if _same_job(parts[0], title) and len(parts) >= 2:
            # "{title} | {company} | {site}" or "{title} - {company} {place}"
            for part in parts[1:]:
                if not _is_board(part) and not _JOB_WORDS.search(part):
                    return part
    for line in lines[:400]:
        role_at = _ROLE_AT.search(line)
        if role_at and not _is_board(role_at.group("company")):
            return role_at.group("company").rstrip(".")
    beside_place = _company_beside_place(header)
    if beside_place:
        return beside_place
    beside_title = _company_beside_title(lines, title)
    if beside_title:
        return beside_title
    about = _about_company(lines)
    if about:
        return about
    if page.twitter_site and not _is_board(page.twitter_site):
        return page.twitter_site
    if page.copyright_company and not _is_board(page.copyright_company):
        return page.copyright_company
    titles = _title_parts(page.page_title)
    if (
        len(titles) == 1
        and not _JOB_WORDS.search(titles[0])
        and not _is_board(titles[0])
        and not _GENERIC_PAGE_NAME.search(titles[0])
    ):
        return titles[0]  # a <title> that only names the site
    site, _ = _site_and_place(page, " ".join(lines))
    if site:
        return site  # "Cafe Classen - Arnhem"
    host = urlsplit(page.own_url).hostname or ""
    if _RESERVED_HOST.search(host):
        return ""  # example.com, *.test, *.invalid: names no one
    labels = [
        label for label in host.split(".") if label not in {"www", "jobs", "careers", "karriere", "apply"}
    ]
    if len(labels) >= 2 and not _is_board(labels[-2]):
        return labels[-2].capitalize()
    return ""


# "SB2P - Pessac (33)": French boards write the employer, a dash and the town with its department
# number; the number says which side is the place.
_NAME_DASH_TOWN = re.compile(
    rf"^(?P<name>\S.{{0,40}}?)\s+[-–]\s+(?P<town>{_PLACE})\s*\((?:\d{{2,3}}|2[AB])\)$"
)


def _name_and_department_town(header: list[str]) -> tuple[str, str]:
    for line in header:
        found = _NAME_DASH_TOWN.match(line)
        if found and not _NOT_A_PLACE.search(found.group("town")) and not _names_job(found.group("name")):
            return found.group("name").strip(), found.group("town")
    return "", ""


def _names_company(value: str) -> bool:
    """ "QIWI", "Acme S.A.": a short capitalised name, not a sentence, a job or a board."""
    return (
        0 < len(value) <= 60
        and len(value.split()) <= 5
        and (value[:1].isupper() or value[:1].isdigit())
        and not value.endswith(("!", "?", ":"))
        and not re.search(r"\w{4,}\.$", value)  # a sentence's end, not "S.A." or "Inc."
        and not _NOT_A_COMPANY.match(value)
        and not _names_job(value)
        and not _is_board(value)
    )


def _is_careers_name(part: str) -> bool:
    """ "Karriere", "Werken bij", "Карьера", "Job details": what a careers page calls itself."""
    return bool(_GENERIC_HEADING.fullmatch(part)) or (
        len(part.split()) <= 3 and bool(_GENERIC_PAGE_NAME.search(part)) and not _names_job(part)
    )


def _same_job(part: str, title: str) -> bool:
    """Whether a part of the <title> names the posting's job: the same words, or the job's first words
    after a vacancy word ("Vacature Junior Adviseur" for "Junior Adviseur (specialist ...)")."""
    plain_part, plain_title = _plain(part), _plain(title)
    if plain_part == plain_title:
        return True
    stripped = _plain(_VACANCY_WORD.sub("", part))
    return stripped != plain_part and len(stripped.split()) >= 2 and plain_title.startswith(stripped)


def _company_by_markup(page: _Page, title: str) -> str:
    """The name in the element the page marks as the employer's (class or id "company", "employer",
    "firma-head"): its first line, before a separator ("TechWorks Inc. · Remote")."""
    for element in page.body.iter():
        if not isinstance(element.tag, str) or element.tag in {"img", "script", "style"}:
            continue
        tokens = _hint_tokens(element)
        if not tokens & _COMPANY_MARKUP or tokens & _NOT_COMPANY_MARKUP:
            continue
        text = html_to_text(lxml.html.tostring(element, encoding="unicode", with_tail=False))
        first = next((_clean(line) for line in text.split("\n") if _clean(line)), "")
        name = _HEADER_SEPARATORS.split(first)[0].strip()
        if (
            2 <= len(name) <= 60
            and len(name.split()) <= 6
            and ":" not in name
            and _plain(name) != _plain(title)
            and not _names_job(name)
            and not _is_board(name)
            and not _SITE_HEADINGS.search(name)
            and not _GENERIC_HEADING.fullmatch(name)
            and not _COMPANY_SECTION_NAME.search(name)
        ):
            return name
    return ""


# class/id words of the element a template puts the job's place in ("office-location", "job-city")
_LOCATION_MARKUP = frozenset("location city place locality ort standort ubicacion localizacao lieu plaats".split())


def _location_by_markup(page: _Page) -> str:
    """The place in the element the page marks as the job's location (class or id "location",
    "office-location", "city"): short text that reads as a place."""
    for element in page.body.iter():
        if not isinstance(element.tag, str) or element.tag in {"img", "input", "select", "option", "label"}:
            continue
        tokens = _hint_tokens(element)
        if not tokens & _LOCATION_MARKUP or tokens & {"company", "employer", "map", "icon", "search", "filter"}:
            continue
        text = _clean(element.text_content())
        if text and len(text) <= 60 and (_one_place(text) or _is_place(text)):
            return _town_and_region(text)
    return ""


def _site_and_place(page: _Page, text: str) -> tuple[str, str]:
    """ "Cafe Classen - Arnhem": a <title> that names the site and its town, when the page speaks of
    the town as a place ("het leukste café van Arnhem"). ("", "") otherwise."""
    parts = _title_parts(page.page_title)
    if len(parts) != 2:
        return "", ""
    site, place = parts
    if (
        _one_place(place)
        and re.search(rf"\b{_PLACE_PREPOSITIONS}\s+{re.escape(place)}\b", text)
        and not _names_job(site)
        and not _is_board(site)
        and not _GENERIC_PAGE_NAME.search(site)
    ):
        return site, place
    return "", ""


def _about_company(lines: list[str]) -> str:
    """ "About CTcue", "Über Zimmerei Meier": a section heading about the company, by name (not "About
    us", "About the role")."""
    for line in lines[:400]:
        about = _ABOUT_COMPANY.match(line) if len(line) <= 70 else None
        if about:
            company = about.group("company").strip()
            if not _NOT_A_COMPANY.match(company) and not _names_job(company) and len(company.split()) <= 6:
                return company
    return ""


def _company_beside_title(lines: list[str], title: str) -> str:
    """ "Civil Engineer / Government Tenders Department": an organisation written on the title's own
    line after a separator, when it is not a place."""
    for line in lines:
        rest = _after_title(line, title)
        if rest and len(rest.split()) <= 8 and not _is_place(rest) and not _NOT_A_PLACE.search(rest):
            if not _JOB_WORDS.search(rest) and not _is_board(rest):
                return rest
    return ""


def _after_title(line: str, title: str) -> str:
    """What follows the title on its own line ("{title} / {rest}", "{title} – {rest}"), or ""."""
    if not line.startswith(title):
        return ""
    rest = re.match(r"\s*(?:[/|–—·•@]|-\s)\s*(?P<rest>.+)$", line[len(title) :])
    return rest.group("rest").strip() if rest else ""


def _header_lines(lines: list[str], title: str) -> list[str]:
    """The short lines right after the title (company, place, type, "Apply"), before the text starts."""
    plain_title = _plain(title)
    for index, line in enumerate(lines):
        rest = _after_title(line, title)
        if _plain(line) == plain_title or rest:
            header: list[str] = [rest] if rest else []
            for following in lines[index + 1 : index + 1 + MAX_HEADER_LINES]:
                if len(following) > 100:
                    break
                header.append(following)
            return header
    return []


def _labelled(lines: list[str], label: re.Pattern[str], spaced: Callable[[str], bool] | None = None) -> str:
    """The value of a labelled field, written "Label: value", as the label alone with the value on the
    next line (definition lists, tables, "Standort" boxes), or "Label value" when `spaced` accepts
    the value."""
    for index, line in enumerate(lines):
        line = line.lstrip("- ").strip()
        for part in _HEADER_SEPARATORS.split(line) if ":" in line else ():
            name, colon, value = part.partition(":")
            if colon and value.strip() and len(name) <= 30 and label.fullmatch(name.strip()):
                return value.strip()
        name, colon, value = line.partition(":")
        alone = label.fullmatch(line.rstrip(" :"))
        if alone and index + 1 < len(lines):
            following = lines[index + 1].lstrip("- ").strip()
            if 0 < len(following) <= 80 and not label.match(following):
                return following
        # the whole label word: "Localização Luanda" is not the label "Local" followed by "ização"
        start = re.match(rf"(?:{label.pattern})(?!\w)", line, label.flags) if spaced else None
        if spaced and start and not colon and len(line) <= 90 and line[start.end() : start.end() + 1] == " ":
            value = line[start.end() :].strip()
            if spaced(value):
                return value
    return ""


def _location(page: _Page, header: list[str], lines: list[str], company: str) -> list[str]:
    labelled = _labelled(
        lines, _LOCATION_LABEL, lambda value: value[:1].isupper() and (_is_place(value) or _one_place(value))
    )
    if labelled:
        return [_town_and_region(labelled)]
    by_markup = _location_by_markup(page)
    if by_markup:
        return [by_markup]
    _, department_town = _name_and_department_town(header)
    if department_town:
        return [department_town]
    address = _labelled(lines, _ADDRESS_LABEL)
    town = _address_town(address) if address else ""
    if town:
        return [town]
    # "📍 Zoetermeer & omgeving": a pin marks the place in a chip or header line
    for line in header or lines[:MAX_HEADER_LINES]:
        pinned = re.match(r"^\s*📍\s*(?P<place>\S.*)$", line)
        if pinned:
            place = _AROUND.sub("", pinned.group("place")).strip(" ,")
            if place and (_one_place(place) or _is_place(place)):
                return [_town_and_region(place)]
    for page_title in (page.og_title, page.page_title):
        parts = _title_parts(page_title) if page_title else []
        hiring = _HIRING_TITLE.match(parts[0]) if parts else None
        if hiring and hiring.group("place"):
            return [hiring.group("place")]
    for line in header:
        parts = [part.strip() for part in _HEADER_SEPARATORS.split(line)]
        # "Fulltime · Utrecht", "Remote · Berlin": in a row of chips beside an employment or remote
        # chip, a single place name is the job's place
        if len(parts) >= 2 and any(
            _EMPLOYMENT_LINE.match(part) or any(pattern.match(part) for pattern in _REMOTE_LINE.values())
            for part in parts
        ):
            chip = next(
                (
                    part for part in parts
                    if _one_place(part) and not _EMPLOYMENT_LINE.match(part)
                    and not (company and _plain(part) == _plain(company))  # "TechWorks Inc. · Remote"
                ),
                "",
            )  # fmt: skip
            if chip:
                return [chip]
        for part in _HEADER_SEPARATORS.split(line):
            if company and _plain(part).startswith(_plain(company) + " "):
                part = part[len(company) :].strip()  # "Talan Toulouse, Occitanie, France"
            found = _PLACE_LINE.match(part)
            if found and not _NOT_A_PLACE.search(found.group("place")):
                return [found.group("place")]
    stacked = _stacked_chip_place(header, company)
    if stacked:
        return [stacked]
    if page.meta_place:
        return [page.meta_place]
    # A small firm's page gives its address in the content (header block, signature): "Sallstraße 18 /
    # 30171 Hannover". With no other place named, the town of that postal line is where the job is;
    # footers (a registered office) are already dropped.
    for line in lines:
        postal = _POSTAL_TOWN.match(line)
        if postal and not _NOT_A_PLACE.search(postal.group("town")):
            return [postal.group("town")]
    return []


# Contract chips that name no working time ("CDI", "Festanstellung"): they type a chip row all the same.
_CONTRACT_CHIP = re.compile(
    r"^(?:cdi|cdd|clt|b2b|int[ée]rim|alternance|permanent|festanstellung|unbefristet|befristet|indefinido"
    r"|contrato\s+indefinido|vast(?:\s+contract)?|tijdelijk|umowa\s+o\s+prac[eę])$",
    re.IGNORECASE,
)


def _is_typed_chip(chip: str) -> bool:
    """A chip that says what kind of job it is or what it pays: "Fulltime", "CDI", "Remote", "1555€",
    "$2300 - $4500/ monthly", "Salaire: 2500 € / mois"."""
    if _EMPLOYMENT_LINE.match(chip) or _CONTRACT_CHIP.match(chip):
        return True
    if any(pattern.match(chip) for pattern in _REMOTE_LINE.values()):
        return True
    pay = parse_pay(chip)
    return (
        pay is not None
        and bool(pay.currency)
        and (len(pay.text.replace(" ", "")) * 2 >= len(chip.replace(" ", "")) or bool(_PAY_LABEL.match(chip)))
    )


def _stacked_chip_place(header: list[str], company: str) -> str:
    """ "London / Fulltime / $2300 - $4500", "Nantes / CDI / 1555€": chips written one under the other
    under the title (list items, icon rows). A single place name next to a chip that types the job or
    its pay is the job's place, as in a row of chips on one line."""
    chips: list[str] = []
    for line in header:
        chip = line.lstrip("-•· ").strip()
        if not chip or len(chip) > 40 or chip.endswith(":"):
            break  # the text, or a section label, starts
        chips.append(chip)
    typed = [_is_typed_chip(chip) for chip in chips]
    for index, chip in enumerate(chips):
        beside = typed[max(index - 1, 0) : index + 2]
        known = chip.islower() and len(chip.split()) <= 2 and is_town_name(chip)  # "marseille"
        if (
            not typed[index]
            and any(beside)
            and (_one_place(chip) or known)
            and not (company and _plain(chip) == _plain(company))
            # "Откликнуться", "Job Description", "Category": buttons and labels are no places
            and not _APPLY.search(chip)
            and not _DESCRIPTION_LABEL.match(chip)
            and not _SITE_HEADINGS.search(chip)
            and not _GENERIC_HEADING.fullmatch(chip)
            and not any(pattern.search(chip) for pattern in _SECTION_RES)
            and not _names_job(chip)
        ):
            return chip.title() if known else chip
    return ""


# Words job texts use as ordinary words that GeoNames also lists as a town ("experience in Mobile",
# "in Rust", "at Google", "in Time"): never read as the job's place from a sentence.
_COMMON_WORD_TOWNS = frozenset(
    "mobile spring rust time google reading orange center centre university mission bend eagle split nice"
    " asia africa europe america holland victoria florence bath star summit enterprise commerce".split()
)
_PLACE_IN_SENTENCE = re.compile(
    r"\b(?:in|im|uit|aus|à|au|en|em|no|na|a|w|we|в|у)\s+"
    r"(?P<name>[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЇІЄҐ][\w'’]+(?:[ -][A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЇІЄҐ][\w'’]+)?)"
)
_CAPITALISED = re.compile(
    r"(?<![\w'’-])[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЇІЄҐ][\w'’]+(?:[ -][A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЇІЄҐ][\w'’]+)?"
)


def _nominatives(word: str) -> list[str]:
    """ "Ярославле" -> "Ярославль", "Москве" -> "Москва", "Минске" -> "Минск", "Казани" -> "Казань":
    the town a Russian or Ukrainian sentence names in the locative ("офис в Ярославле")."""
    if not re.fullmatch(r"[А-ЯЁЇІЄҐ][а-яёїієґ-]+[еиі]", word):
        return []
    stem = word[:-1]
    return [stem, stem + "ь", stem + "а", stem + "я"]


def _town_in_sentences(text: str, company: str) -> str:
    """The town the page's own text speaks of, when no field gives the place: "Verändern Sie Hannover
    mit Stil ... Hannovers Südstadt" (the known town it names most, at least twice, more than any
    other), or "Van der Let & Partners uit Heerenveen" (the only known town it names at all, after
    "in" / "uit" / "aus" / "à" / "в"). Towns are GeoNames' cities' own names; words that are also
    ordinary words in job texts ("Mobile", "Spring") never count."""
    plain_company = _plain(company)

    def town(name: str) -> str:
        for candidate in (name, name.split()[0].split("-")[0], *_nominatives(name)):
            if not is_town_name(candidate):
                continue  # a set lookup: most capitalised words are no town
            key = _plain(candidate)
            if (
                key not in _COMMON_WORD_TOWNS
                and key not in _NAME_LINKS  # "Van der Let & Partners": not the Turkish town Van
                and not candidate.isupper()
                and not (plain_company and key in plain_company.split())
                and is_town_name(candidate)
            ):
                return candidate
        return ""

    counts: dict[str, int] = {}
    shown: dict[str, str] = {}
    for found in _CAPITALISED.finditer(text):
        name = town(found.group(0))
        if name:
            counts[_plain(name)] = counts.get(_plain(name), 0) + 1
            shown.setdefault(_plain(name), name)
    if not counts:
        return ""
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return shown[ranked[0][0]]
    if len(counts) == 1:
        after = {_plain(town(found.group("name"))) for found in _PLACE_IN_SENTENCE.finditer(text)} - {""}
        if after == set(counts):
            return shown[ranked[0][0]]
    return ""


# "30171 Hannover", "1045 AV Amsterdam", "05-803 Pruszków", "CH-3700 Spiez", "75001 Paris": a postal
# code (4-5 digits, Dutch letters, Polish dash) and the town, alone on a line as in an address block
_POSTAL_TOWN = re.compile(
    # the Dutch code's letters first: "6811 DV Arnhem" is the town Arnhem, not "DV Arnhem"
    r"^(?:[A-Z]{1,2}-)?(?:\d{4}\s?[A-Z]{2}(?=\s)|\d{4,5}|\d{2}-\d{3})\s+"
    r"(?P<town>[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]+(?:[ -](?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]+|am|an|der|sur|la|le))*)$"
)


# "Zoetermeer & omgeving", "Hamburg und Umgebung", "Lyon et environs": the town and its surroundings
_AROUND = re.compile(
    r"\s*(?:&|en|und|and|et|e|y|i)\s+(?:omgeving|omstreken|umgebung|umland|surroundings|surrounding\s+areas?"
    r"|environs|alentours|dintorni|alrededores|arredores|okolice)\b.*$",
    re.IGNORECASE,
)


def _address_town(address: str) -> str:
    """The town of an address: the part with a postal code ("69002 Lyon") or a known town's own name
    ("Минск", "г. Москва")."""
    for part in re.split(r"\s*[,;/]\s*|\s+[-–]\s+", address):
        part = re.sub(r"^(?:г\.|город|м\.)\s*", "", part.strip(" ."))
        postal = _POSTAL_TOWN.match(part)
        if postal and not _NOT_A_PLACE.search(postal.group("town")):
            return postal.group("town")
        if is_town_name(part) and part[:1].isupper():
            return part
    return ""


def _town_and_region(place: str) -> str:
    """ "Katowice (Śląskie)" -> "Katowice, Śląskie"; "Pessac (33)" -> "Pessac": a region or a
    department number written in brackets after the town, as French and Polish pages do."""
    bracketed = re.fullmatch(r"(?P<town>[^()]+?)\s*\((?P<region>[^()]+)\)", place.strip())
    if not bracketed or re.search(r"/|\s[-–]\s|,", bracketed.group("town")):
        return place  # "Aclimação - São Paulo/SP (Brasil)": already a composed place, kept as written
    region = bracketed.group("region").strip()
    if re.fullmatch(r"\d{1,3}", region):
        return bracketed.group("town")
    if _NOT_A_PLACE.search(region):  # "(Remote)", "(Hybrid)": not a region
        return place
    return f"{bracketed.group('town')}, {region}"


_NAME_LINKS = frozenset("de la le les van der den het di du des von y e the of".split())


def _split_place(name: str, text: str) -> tuple[str, str]:
    """ "ICON Studio Mönchengladbach" -> ("ICON Studio", "Mönchengladbach") when the page speaks of the
    last word(s) as a place elsewhere ("Ziehst du nach Mönchengladbach?"); else (name, "")."""
    words = name.split()
    # the name's own words are no evidence: "Camping de Leeuwenkuil" says "de Leeuwenkuil" everywhere
    text = text.replace(name, " ")
    for size in (2, 1):
        if len(words) <= size:
            continue
        place = " ".join(words[-size:])
        if not all(word[:1].isupper() for word in words[-size:]):
            continue
        if words[-size - 1].lower() in _NAME_LINKS:
            continue  # "Camping de | Leeuwenkuil": a name does not end in an article or "of"
        if re.search(rf"\b{_PLACE_PREPOSITIONS}\s+{re.escape(place)}\b", text):
            return " ".join(words[:-size]), place
    return name, ""


def _header_pay(header: list[str]) -> Pay | None:
    """Pay written alone on a line under the title ("25-50K·14薪", "$20K - $30K"): a salary field,
    read even without a currency, when the amount is most of the line."""
    for line in header:
        pay = parse_pay(line)
        if (
            pay is not None
            and len(pay.text.replace(" ", "")) * 2 >= len(line.replace(" ", ""))
            # money by its own marks, not a bare number such as a requisition id
            and (
                pay.currency
                or pay.period is not PayPeriod.UNKNOWN
                or re.search(r"\d\s*[kKmM]\b|\d\s*[kKmM]$", pay.text)
            )
        ):
            return pay
    return None


def _labelled_pay(lines: list[str]) -> Pay | None:
    """Pay from a labelled field ("Salary: 3,500", "Gehalt 45.000 €", "الراتب : 850")."""
    value = _labelled(lines, _PAY_LABEL, lambda text: parse_pay(text) is not None)
    return parse_pay(value) if value else None


def _lone_pay_line(page: _Page, lines: list[str]) -> Pay | None:
    """Pay written as a field of its own somewhere on the page ("400 ₽ / час" in a side box), when it
    is the only such amount there: a list of other jobs would show several. Not on pages with a
    "Similar jobs" heading."""
    if any(_OTHER_JOBS.search(text) for _, text, _ in page.headings):
        return None
    found: dict[tuple[object, ...], Pay] = {}
    for line in lines:
        line = line.replace(" · ", " ")  # "400 · ₽ · / · час": styled parts of one field
        pay = parse_pay(line) if len(line) <= 40 else None
        if (
            pay is not None
            and pay.currency
            and len(pay.text.replace(" ", "")) * 2 >= len(line.replace(" ", ""))
        ):
            found[(pay.min, pay.max, pay.currency, pay.period)] = pay
    return next(iter(found.values())) if len(found) == 1 else None


def _remote(header: list[str], text: str, headings: Iterable[str] = ()) -> RemoteType:
    for line in [*header, *headings]:
        for remote_type, pattern in _REMOTE_LINE.items():
            if any(pattern.search(part.strip(" ✓✔")) for part in re.split(r"[·•|,]|\s/\s", line)):
                return remote_type
    for remote_type, pattern in _REMOTE_SENTENCES:
        if pattern.search(text):
            return remote_type
    return RemoteType.UNKNOWN


def _employment(header: list[str], lines: list[str], title: str = "") -> str:
    for index, line in enumerate(lines):
        labelled = _EMPLOYMENT_LABEL.match(line.lstrip("- ").strip())
        if labelled:
            value = labelled.group("value") or (lines[index + 1] if index + 1 < len(lines) else "")
            found = normalise_employment_type(value[:60])
            if found:
                return found
    for line in header:
        for part in re.split(r"[·•|,]|\s/\s", line):
            part = part.strip().lstrip("- ").strip()
            if _EMPLOYMENT_LINE.match(part):
                return normalise_employment_type(part)
            opening = _EMPLOYMENT_IN_TITLE.match(part)
            if opening and len(part) <= 60:
                return normalise_employment_type(opening.group(0))
    in_title = _EMPLOYMENT_IN_TITLE.search(title)  # "Pflegefachkraft (Teilzeit)", "... Part Time Days"
    if in_title:
        return normalise_employment_type(in_title.group(0))
    # The text says it in a sentence ("This is a full-time position", "en CDI à temps plein", "in
    # Vollzeit"): read when every such statement names the same working time; "in Voll- und/oder
    # Teilzeit" names both and says nothing.
    said: set[str] = set()
    for line in lines:
        for found in _WORKING_TIME_SENTENCE.finditer(line):
            said.add("FULL_TIME" if any(found.groupdict().values()) else "PART_TIME")
            # "in Vollzeit und/oder Teilzeit": the other working time named in the same line counts too
            said.update(normalise_employment_type(word) for word in _EMPLOYMENT_IN_TITLE.findall(line))
    said.discard("")
    return said.pop() if len(said) == 1 else ""


_WORKING_TIME_SENTENCE = re.compile(
    r"(?:(?:is\s+a|this|the|a)\s+(?:(?P<full>full[- ]time)|part[- ]time)\s+(?:position|role|job|opportunity|contract)"
    r"|(?:position|role|job)\s+is\s+(?:(?P<full2>full[- ]time)|part[- ]time)"
    r"|\bà\s+temps\s+(?:(?P<full3>plein|complet)|partiel)"
    r"|\bin\s+(?:(?P<full4>vollzeit)|teilzeit)\b"
    r"|\ba\s+(?:tiempo|jornada)\s+(?:(?P<full5>completo|completa)|parcial)"
    r"|\ba\s+tempo\s+(?:(?P<full6>pieno)|parziale)|\bem\s+tempo\s+(?:(?P<full7>integral)|parcial)"
    r"|\b(?:(?P<full8>полн(?:ая|ую)\s+занятость|полный\s+рабочий\s+день)|частичн(?:ая|ую)\s+занятость)"
    r"|\bna\s+(?:(?P<full9>pełny|pełen)|część|pół)\s+etat)",
    re.IGNORECASE,
)


# -- main content -----------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset({"p", "li", "pre", "td", "blockquote", "dd", "div", "section", "span"})
_CONTAINER_TAGS = frozenset({"div", "section", "article", "main", "td", "body", "ul", "ol"})


def _main_content(body: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    scores: dict[lxml.html.HtmlElement, float] = {}
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag not in _BLOCK_TAGS:
            continue
        own = _clean((element.text or "") + " ".join(child.tail or "" for child in element))
        if element.tag in {"p", "li", "pre", "td", "blockquote", "dd"}:
            own = _clean(element.text_content())
        if len(own) < 25:
            continue
        score = 1 + own.count(",") + own.count(".") + own.count("،") + min(len(own) / 100, 3)
        for depth, ancestor in enumerate(_ancestors(element)):
            if depth > 3:
                break
            if ancestor.tag in _CONTAINER_TAGS:
                scores[ancestor] = scores.get(ancestor, 0.0) + score / (1, 1, 2, 3)[depth]
    if not scores:
        return body
    best, best_score = body, 0.0
    for element, score in scores.items():
        text_length = len(_clean(element.text_content())) or 1
        link_length = sum(len(_clean(a.text_content())) for a in element.iter("a"))
        weight = 25 if _CONTENT_HINTS.search(_hints(element)) else 0
        final = (score + weight) * (1 - min(link_length / text_length, 1))
        if final > best_score:
            best, best_score = element, final
    return _with_sibling_sections(best, scores, body)


def _with_sibling_sections(
    best: lxml.html.HtmlElement, scores: dict[lxml.html.HtmlElement, float], body: lxml.html.HtmlElement
) -> lxml.html.HtmlElement:
    """The block that holds the whole description when it is split into sibling sections ("About
    us", "The role", "Requirements", each in its own <div>): climb to the parent while a sibling
    scores at least a tenth of the best block, what does not score is little of the parent's text
    (headings, labels, a header box) and the parent is not mostly links."""
    floor = scores.get(best, 0.0) * 0.1
    while True:
        parent = best.getparent()
        if parent is None or parent is body or parent.tag not in _CONTAINER_TAGS:
            return best
        siblings = [child for child in parent if isinstance(child.tag, str) and child is not best]
        sections = [child for child in siblings if scores.get(child, 0.0) >= floor > 0]
        others = [child for child in siblings if child not in sections and _clean(child.text_content())]
        text_length = len(_clean(parent.text_content())) or 1
        unscored = sum(len(_clean(child.text_content())) for child in others)
        links = sum(len(_clean(a.text_content())) for a in parent.iter("a"))
        # "Требования:" over its list, then "Условия:" over a one-line list, "Адрес:" over a line: a list
        # under its own heading is one section of a block made of headings and short sections
        headed_list = (
            best.tag in {"ul", "ol"}
            and _is_heading_before(best)
            and all(len(_clean(child.text_content())) <= 80 for child in others)
            and links <= 0.25 * text_length
        )
        if headed_list:
            best = parent
            continue
        if not sections and not all(_is_section_label(child) for child in others):
            return best  # only a section heading beside it ("Requirements" over its list) is taken along
        if unscored > 0.2 * text_length or links > 0.25 * text_length:
            return best
        best = parent


def _is_heading_before(element: lxml.html.HtmlElement) -> bool:
    previous = element.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    return previous is not None and previous.tag in _HEADING_TAGS


def _is_section_label(element: lxml.html.HtmlElement) -> bool:
    """A heading, or a short line without links that reads as one ("About the role" in a bold <div>)."""
    text = _clean(element.text_content())
    return bool(_heading_level(element)) or (
        len(text) <= 60 and not text.endswith(".") and not element.xpath("self::a|.//a")
    )


def _longest_part(line: str) -> int:
    """The length of the longest item of a line of chips ("IN / Remote (IN) · Full-time · ..."); of
    the line itself when it is one item."""
    return max((len(part) for part in _HEADER_SEPARATORS.split(line)), default=0)


def _trim_header(text: str, title: str, references: Iterable[str], location: list[str]) -> str:
    """The description without the header lines its container may start with: the title and the short
    lines under it (company, place, "Apply now"), and a label such as "About the job"."""
    lines = text.split("\n")
    plain_title = _plain(title)
    known = {_plain(reference) for reference in references if reference} | {
        _plain(place) for place in location
    }
    places = {_plain(place) for place in location if len(place) > 3}  # a line naming the place is header
    start = next(
        (
            index + 1
            for index, line in enumerate(lines[: MAX_HEADER_LINES * 3])
            if _plain(line) == plain_title or _after_title(line.replace(_HEADING_MARK, "").strip(), title)
        ),
        None,
    )
    if start is None:
        # "<h1>Maak het verschil<br>als ambulant coach</h1>": a title broken over two or three lines
        for index in range(min(len(lines), MAX_HEADER_LINES * 3)):
            joined = ""
            for end in range(index, min(index + 3, len(lines))):
                joined = f"{joined} {lines[end].replace(_HEADING_MARK, '').strip()}".strip()
                if end > index and _plain(joined) == plain_title:
                    start = end + 1
                    break
            if start is not None:
                break
    in_header = start is not None
    content = lines[start or 0 :]
    nonblank = [index for index, line in enumerate(content) if line.replace(_HEADING_MARK, "").strip()]
    dropped = 0  # how many of the non-blank lines at the start are header lines
    for position, index in enumerate(nonblank[: MAX_HEADER_LINES * 2]):
        raw = content[index]
        line = raw.replace(_HEADING_MARK, "").strip().lstrip("- ").strip()
        following = (
            content[nonblank[position + 1]].replace(_HEADING_MARK, "").strip()
            if position + 1 < len(nonblank)
            else ""
        )
        plain_line = _plain(line)
        is_heading = raw.lstrip().startswith(_HEADING_MARK)
        if len(line) <= 60 and _CONTENT_SECTION.search(line) and not _DESCRIPTION_LABEL.match(line):
            break  # "Requisitos", "Wat ga je doen?": the posting's own text starts here
        is_header = (
            plain_line in known
            # a subtitle heading right under the title ("Auxiliar/operacional" under "Consultor de negócios")
            or (
                in_header
                and position == 0
                and is_heading
                and len(line) <= 40
                and _longest_part(following) < 70
                and not line.endswith((".", "!", "?", ":"))
            )
            # a line that is only a generic "About the job" label is a heading whatever its tag
            # (boards style <h5>, <strong> or a <div> as their section titles)
            or bool(_DESCRIPTION_LABEL.match(line))
            or (bool(_APPLY.search(line)) and len(line) < 40)
            # "25 000 € par an - CDI": a short line that states the pay is a header chip
            or (in_header and len(line) <= 60 and find_pay(line) is not None and not line.endswith("."))
            or (in_header and any(place in plain_line for place in places))
            or (
                in_header
                and _longest_part(line) < 70
                and _longest_part(following) < 70
                and not is_heading
                and not line.endswith((".", "!", "?", ":"))
            )
        )
        if not is_header or _longest_part(line) >= 100:
            break
        dropped = position + 1
    if dropped:
        content = content[nonblank[dropped - 1] + 1 :]
    content = _from_description_field(content)
    text = "\n".join(content).replace(_HEADING_MARK, "").strip()
    return _DESCRIPTION_PREFIX.sub("", text, count=1)


def _from_description_field(content: list[str]) -> list[str]:
    """An offer laid out as a table of short fields ("Intitulé du poste", "Type de contrat", "Lieu de
    travail") with a description field among them: the description starts at that field's value, or
    at the first section of the posting's own text ("Atribuições e Responsabilidades: ...") after three
    short lines or after "label: value" fields. Only when every line before it is a short field line,
    not prose."""
    seen = 0
    fields = 0  # of them, "label: value" lines
    for index, raw in enumerate(content):
        line = raw.replace(_HEADING_MARK, "").strip()
        if not line:
            continue
        if _DESCRIPTION_LABEL.match(line):
            return content[index + 1 :] if seen >= 3 else content
        label, _, value = line.partition(":") if ":" in line[:61] else (line, "", "")
        value = value.strip()
        # a section heading, alone or before its prose; "Qualifications: Bachelor" is one more field
        if (
            len(label) <= 60
            and _CONTENT_SECTION.search(label)
            and (not value or len(value) >= 80 or value.endswith("."))
        ):
            # "Atribuições e Responsabilidades: ..." after "Salário:", "Empresa:", ...; a text that opens
            # with its own sections has no table of fields before it
            return content[index:] if seen >= 3 or 0 < seen == fields else content
        seen += 1
        fields += ":" in line[:41]
        if seen > 30 or len(line) >= 120 or line.endswith((".", "!", "?")):
            return content
    return content


def _description(
    page: _Page, title: str, main: lxml.html.HtmlElement, main_html: str, main_text: str,
    references: list[str], locations: list[str],
) -> tuple[str, str]:  # fmt: skip
    """Text and sanitised HTML of the main content, led by the paragraphs that sit beside the title
    when the main content does not hold it (an intro in the page's <header>)."""
    text = _trim_header(main_text, title, references, locations)
    title_element = next((element for _, heading, element in page.headings if heading == title), None)
    if title_element is None or title_element is main or any(a is main for a in _ancestors(title_element)):
        return text, sanitize_html(main_html.replace(_HEADING_MARK, ""))
    lead_elements = []
    for sibling in title_element.itersiblings():
        if sibling is main or any(element is main for element in sibling.iter()):
            break
        lead_elements.append(sibling)
    lead_html = "".join(lxml.html.tostring(element, encoding="unicode") for element in lead_elements)
    lead = _trim_header(
        html_to_text(lxml.html.tostring(title_element, encoding="unicode") + lead_html),
        title,
        references,
        locations,
    )
    if not any(len(line) >= 80 for line in lead.split("\n")) or lead in text:
        return text, sanitize_html(main_html.replace(_HEADING_MARK, ""))
    return f"{lead}\n\n{text}".strip(), sanitize_html((lead_html + main_html).replace(_HEADING_MARK, ""))


# -- is it a posting? --------------------------------------------------------------------------------


def _posting_signals(
    title: str, text: str, pay: Pay | None, employment: str, lines: Iterable[str] = ()
) -> tuple[int, list[str]]:
    found: list[str] = []
    job_title = _names_job(title)
    if job_title:
        found.append("a job title")
    # Kinds of wording (one per language or field family), or, when more, the distinct section lines
    # ("Requisitos", "Responsabilidades", "Benefícios"): a page in one language names several sections
    # of one family, and each is evidence.
    kinds = sum(1 for pattern in _SECTION_RES if pattern.search(text))
    section_lines = {
        _plain(line)
        for line in lines
        if len(line) <= 60 and any(pattern.search(line) for pattern in _SECTION_RES)
    }
    sections = max(kinds, len(section_lines))
    if sections:
        found.append(f"{sections} kind(s) of job-ad wording")
    if _APPLY.search(text):
        found.append("an apply button")
    if pay is not None:
        found.append("stated pay")
    if employment:
        found.append("an employment type")
    score = 3 * job_title + min(sections, 6) + 2 * bool(_APPLY.search(text))
    score += 2 * (pay is not None) + (employment != "")
    return score, found


def page_pay(document: lxml.html.HtmlElement, title: str) -> Pay | None:
    """The pay a page states for the posting titled `title` in the lines right under its heading
    (header chips, "The salary range for this position is ...") or in a labelled pay field: for a
    posting whose structured data and description give none while the page shows it beside them.
    The rest of the page is not read: it lists benefits and other jobs' pay."""
    page = _prepare(document)
    if not _clean(page.body.text_content()):
        return None  # a page whose only content is its structured data
    body_text = html_to_text(lxml.html.tostring(page.body, encoding="unicode"))
    lines = [_clean(line) for line in body_text.split("\n") if _clean(line)]
    plain_title = _plain(title)
    start = next((index for index, line in enumerate(lines) if _plain(line) == plain_title), None)
    if start is None:
        return _labelled_pay(lines)
    near = lines[start + 1 : start + 1 + PAY_ZONE_LINES]
    return find_pay(" ".join(near)) or _header_pay(near[:MAX_HEADER_LINES]) or _labelled_pay(lines)


def read_page(document: lxml.html.HtmlElement, url: str) -> PageReading:
    """The posting a page without structured data shows; NotAPosting when it plainly shows none."""
    page = _prepare(document)
    body_text = html_to_text(lxml.html.tostring(page.body, encoding="unicode"))
    lines = [_clean(line) for line in body_text.split("\n") if _clean(line)]
    gone = next((heading for _, heading, _ in page.headings if _GONE.search(heading)), None) or next(
        (line for line in lines[:60] if _GONE.search(line) and len(line) < 200), None
    )
    if gone:
        raise NotAPosting(f"the page says the job is not available: {gone[:120]!r}")
    heading = _title(page)
    if not heading:
        raise NotAPosting("the page has no heading or title that names a job")
    listed = _listed_jobs(page, heading)
    if listed:
        raise NotAPosting(f"the page lists several jobs ({', '.join(listed[:3])}, ...), not one posting")
    under, under_company = _job_title_under(page, heading, lines)
    if under:
        heading = under
    title, title_company = _title_at_company(page, heading)
    title = _TITLE_PREFIX.sub("", title)  # "Job Title: Web Developer (Ref #: Web899)"
    title = _VACANCY_PREFIX.sub("", title)  # "Job Offer - JS Developer", "Vacature: Monteur"
    hired = _HIRING_LEAD.sub("", title)
    if hired != title and _names_job(hired) and not _ADDRESSED.match(hired):
        title = hired  # "НАМ НУЖЕН BACKEND - РАЗРАБОТЧИК": the job, not the lead-in
    title_company = title_company or under_company
    if not page.own_url:
        page.own_url = url
    header = _header_lines(lines, heading)
    main = _main_content(page.body)
    main_html = lxml.html.tostring(main, encoding="unicode")
    main_text = body_text if main is page.body else html_to_text(main_html)
    company = title_company or _company(page, title, lines, header)
    company, place = _split_place(company, body_text) if company else ("", "")
    _, site_place = _site_and_place(page, body_text)
    locations = _location(page, header, lines, company) or ([place] if place else [])
    if not locations and site_place:
        locations = [site_place]  # "Cafe Classen - Arnhem"
    if not locations:
        town = _town_in_sentences("\n".join(lines), company)
        locations = [town] if town else []
    references = [*_title_parts(page.page_title), *_title_parts(page.og_title), company, *locations]
    references += [
        element.get("data-subtitle") or "" for _, text, element in page.headings if text == heading
    ]
    if place:
        references.append(f"{company} {place}")
    description_text, description_html = _description(
        page, heading, main, main_html, main_text, references, locations
    )
    pay = (
        find_pay(" ".join(header))
        or _header_pay(header)
        or find_pay(description_text)
        or _labelled_pay(lines)
        or _lone_pay_line(page, lines)
    )
    employment = _employment(header, lines, title)
    # The whole page's own content (navigation and footers are already gone), not only the main
    # block: the apply button and the "Full-time" chip usually sit outside the description.
    score, signals = _posting_signals(title, " ".join(lines), pay, employment, lines)
    if score < 5 or not (_names_job(title) or len(signals) >= 3):
        shown = ", ".join(signals) if signals else "nothing"
        raise NotAPosting(f"the page does not read as a job posting (found {shown})")
    reading = PageReading(
        title=title,
        company=company,
        locations=locations,
        remote_type=_remote(header, main_text, [text for _, text, _ in page.headings]),
        employment_type=employment,
        pay=pay,
        description_text=description_text,
        description_html=description_html,
    )
    reading.inferred = [
        name
        for name, value in (
            ("title", reading.title), ("company", reading.company), ("locations", reading.locations),
            ("remote_type", reading.remote_type is not RemoteType.UNKNOWN), ("employment_type", employment),
            ("salary", pay), ("description", description_text),
        )
        if value
    ]  # fmt: skip
    return reading
