"""Section headings of the Europass CV, language by language, taken from the labels its tools print rather than from
CV files, so that a CV in a language or wording no file has shown still has its sections found.

Sources (short labels, copied as facts; the labels themselves are the Europass CV's, © European Union):
  [M] povsod/mahara-artefact-europass @ 7260f784e8094e82ceb7adf6b3b80f4bcead0fbd (GNU GPL v3),
      lang/{en,de,fr,es,sl}.utf8/artefact.europass.php: the Europass CV's section and sub-section labels
      ('workexperience', 'education', 'languageskills', 'mothertongue', 'otherlanguage', 'drivinglicence', 'skills',
      'socialskill', 'organisationalskill', 'technicalskill', 'otherskill', 'additionalinfo', 'digitalskills',
      'digitalcompetence', 'honors_awards', 'publications', 'projects', 'memberships', 'seminars', 'conferences',
      'references', 'courses', 'certifications', 'identification').
  [E] leinardi/europecv2013 @ 87ab1bff759f32b4bd140ba105aad555a5a7d375 (LaTeX Project Public License 1.3), the LaTeX
      class of the July 2013 Europass CV: ecv<lang>.def ('infosectionkey', 'mothertonguekey', 'otherlanguageskey')
      for cs da de es fi fr hr hu it nl pl pt ro sk sl sv, and the section headings of
      templates/cv_template_{it,hr}.tex (work experience, education and training, personal skills, driving licence,
      additional information, annexes, publications).
  [P] gmazzamuto/europasscv @ 3fbf3e8295f3487b4f9f41c9c14a00df8c9f04ea (LaTeX Project Public License 1.3), the
      LaTeX class of the 2013-2020 Europass CV: src/def/europasscv_<lang>.def ('infosectionkey', 'mothertonguekey',
      'otherlanguageskey', 'digitalcompetenceskey') for cs da de es fr hu it nb pl pt ro sk sl sv tr.
  [T] the Europass CV template's section wording in the languages no file above covers (pt nl pl cs sk sv da fi hu
      ro tr, and the remaining sub-sections of it and hr): written from the Europass template, not found in a file
      this round; each kept only where it names one kind unambiguously.
Beside each label, the forms a CV writer uses: singular and plural, "(s)" written out, the plural without the
label's parenthesis. Upper case, accents kept, is handled by normalise_heading.

Kinds are those of sections.SECTION_HEADINGS, and "other" for OTHER_HEADINGS (headings that end a section without
opening one that is extracted: personal information, driving licence, additional information, awards,
publications, references, courses, hobbies). "Mother tongue(s)" and "Other language(s)" open languages; "Personal
skills", the Europass sub-sections on communication, organisational, job-related and digital skills open skills.
"""

from __future__ import annotations

EUROPASS_HEADINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {  # [M], [E] templates/cv_template_en.tex, [P]
        "experience": ("work experience",),
        "education": ("education and training",),
        "skills": ("personal skills", "communication skills", "organisational skills", "organizational skills",
                   "organisational / managerial skills", "job-related skills", "digital skills",
                   "digital competence", "digital competences", "other skills"),
        "languages": ("language skills", "mother tongue", "mother tongue(s)", "mother tongues", "other language(s)",
                      "other languages"),
        "summary": ("about me",),
        "certifications": ("certifications",),
        "projects": ("projects",),
        "other": ("personal information", "driving licence", "driving licence(s)", "driving licences",
                  "driving license", "additional information", "honours and awards", "honors and awards",
                  "publications", "memberships", "conferences", "seminars", "references", "courses", "annexes",
                  "hobbies and interests", "volunteering"),
    },
    "de": {  # [M], [E], [P]
        "experience": ("berufserfahrung",),
        "education": ("schul- und berufsbildung",),
        "skills": ("persönliche fähigkeiten und kompetenzen", "persönliche fähigkeiten",
                   "soziale fähigkeiten und kompetenzen", "organisatorische fähigkeiten und kompetenzen",
                   "technische fähigkeiten und kompetenzen", "sonstige fähigkeiten und kompetenzen",
                   "digitale fähigkeiten", "digitale kompetenz", "digitale kompetenzen"),
        "languages": ("sprachkenntnisse", "muttersprache", "muttersprache(n)", "muttersprachen", "sonstige sprache(n)",
                      "sonstige sprachen", "weitere sprache(n)", "weitere sprachen"),
        "certifications": ("zertifikationen",),
        "projects": ("projekte",),
        "other": ("angaben zur person", "führerschein", "führerschein(e)", "zusätzliche angaben",
                  "auszeichnungen und preise", "publikationen", "mitgliedschaften", "konferenzen", "seminare",
                  "referenzen", "kurse"),
    },
    "fr": {  # [M], [E], [P]
        "experience": ("expérience professionnelle",),
        "education": ("éducation et formation",),
        "skills": ("aptitudes et compétences personnelles", "aptitudes et compétences sociales",
                   "aptitudes et compétences organisationnelles", "aptitudes et compétences techniques",
                   "autres aptitudes et compétences", "compétences numériques", "compétence numérique"),
        "languages": ("compétences linguistiques", "langue maternelle", "langue(s) maternelle(s)",
                      "langues maternelles", "autre(s) langue(s)", "autres langues"),
        "certifications": ("certifications",),
        "projects": ("projets",),
        "other": ("information personnelle", "informations personnelles", "permis de conduire",
                  "information complémentaire", "informations complémentaires", "distinctions", "publications",
                  "affiliations", "séminaires", "conférences", "références"),
    },
    "es": {  # [M], [E], [P]
        "experience": ("experiencia laboral",),
        "education": ("educación y formación",),
        "skills": ("capacidades y competencias personales", "capacidades y aptitudes sociales",
                   "capacidades y aptitudes organizativas", "capacidades y aptitudes técnicas",
                   "otras capacidades y aptitudes", "capacidades digitales", "competencia digital",
                   "competencias digitales"),
        "languages": ("capacidades lingüísticas", "idioma materno", "idioma(s) materno(s)", "idiomas maternos",
                      "lengua materna", "lengua(s) materna(s)", "lenguas maternas", "otro(s) idioma(s)",
                      "otros idiomas"),
        "certifications": ("certificaciones",),
        "projects": ("proyectos",),
        "other": ("información personal", "permiso de conducir", "información adicional", "premios y distinciones",
                  "publicaciones", "seminarios", "conferencias", "referencias", "cursos"),
    },
    "sl": {  # [M], [E], [P]
        "experience": ("delovne izkušnje",),
        "education": ("izobraževanje in usposabljanje",),
        "skills": ("znanja in kompetence", "socialna znanja in kompetence", "organizacijska znanja in kompetence",
                   "tehnična znanja in kompetence", "druga znanja in kompetence", "digitalne spretnosti in znanja",
                   "digitalna pismenost", "digitalne kompetence"),
        "languages": ("jezikovno znanje", "materni jezik", "materni jezik(i)", "materni jeziki", "drugi jezik(i)",
                      "drugi jeziki", "tuji jeziki"),
        "certifications": ("certifikati",),
        "projects": ("projekti",),
        "other": ("osebni podatki", "vozniško dovoljenje", "dodatni podatki", "priznanja in nagrade", "objave",
                  "članstva", "seminarji", "konference", "reference", "tečaji"),
    },
    "it": {  # [E] ecvit.def and templates/cv_template_it.tex, [P]; the rest [T]
        "experience": ("esperienza professionale", "esperienza lavorativa"),
        "education": ("istruzione e formazione",),
        "skills": ("competenze personali", "competenze digitali", "competenze comunicative",
                   "competenze organizzative e gestionali", "competenze professionali", "altre competenze"),
        "languages": ("lingua madre", "lingue madri", "altre lingue", "competenze linguistiche", "lingue straniere"),
        "certifications": ("certificazioni",),
        "projects": ("progetti",),
        "other": ("informazioni personali", "patente di guida", "ulteriori informazioni", "allegati",
                  "pubblicazioni", "riconoscimenti e premi", "referenze", "corsi"),
    },
    "hr": {  # [E] ecvhr.def and templates/cv_template_hr.tex; the rest [T]
        "experience": ("radno iskustvo",),
        "education": ("obrazovanje i osposobljavanje", "obrazovanje"),
        "skills": ("osobne vještine i kompetencije", "osobne vještine", "digitalne vještine",
                   "komunikacijske vještine", "organizacijske vještine", "vještine"),
        "languages": ("materinski jezik", "drugi jezik", "drugi jezici", "strani jezici", "jezici"),
        "certifications": ("certifikati",),
        "projects": ("projekti",),
        "other": ("osobni podaci", "vozačka dozvola", "vozačka dozvola(e)", "dodatne informacije", "dodaci",
                  "publikacije"),
    },
    "pt": {  # [E], [P] (personal information, languages, digital skills); the rest [T]
        "experience": ("experiência profissional", "experiência de trabalho"),
        "education": ("educação e formação",),
        "skills": ("competências pessoais", "competências digitais", "competências de comunicação",
                   "competências organizacionais", "competências profissionais"),
        "languages": ("língua materna", "língua(s) materna(s)", "línguas maternas", "outras línguas",
                      "competências linguísticas"),
        "certifications": ("certificações",),
        "projects": ("projetos", "projectos"),
        "other": ("informação pessoal", "informações pessoais", "carta de condução", "informação adicional",
                  "informações adicionais", "prémios e distinções", "publicações"),
    },
    "nl": {  # [E] (personal information, languages); the rest [T]
        "experience": ("werkervaring",),
        "education": ("onderwijs en opleiding", "opleiding en training"),
        "skills": ("persoonlijke vaardigheden", "digitale vaardigheden", "communicatieve vaardigheden",
                   "organisatorische vaardigheden", "beroepsgerelateerde vaardigheden"),
        "languages": ("moedertaal", "moedertalen", "andere talen", "taalvaardigheden", "talenkennis"),
        "certifications": ("certificaten",),
        "projects": ("projecten",),
        "other": ("persoonsgegevens", "rijbewijs", "aanvullende informatie", "publicaties"),
    },
    "pl": {  # [E], [P] (personal information, languages, digital skills); the rest [T]
        "experience": ("doświadczenie zawodowe",),
        "education": ("wykształcenie i szkolenia", "edukacja i szkolenia"),
        "skills": ("umiejętności cyfrowe", "umiejętności osobiste", "umiejętności komunikacyjne",
                   "umiejętności organizacyjne", "umiejętności zawodowe"),
        "languages": ("język ojczysty", "inne języki", "języki obce", "umiejętności językowe"),
        "certifications": ("certyfikaty",),
        "projects": ("projekty",),
        "other": ("dane osobowe", "prawo jazdy", "dodatkowe informacje", "informacje dodatkowe",
                  "nagrody i wyróżnienia", "publikacje"),
    },
    "cs": {  # [E], [P] (personal information, languages, digital skills); the rest [T]
        "experience": ("pracovní zkušenosti", "praxe", "pracovní praxe", "odborná praxe"),
        "education": ("vzdělání a odborná příprava", "vzdělání"),
        "skills": ("digitální dovednosti", "osobní dovednosti", "komunikační dovednosti", "organizační dovednosti",
                   "pracovní dovednosti"),
        "languages": ("mateřský jazyk", "mateřský jazyk(y)", "mateřské jazyky", "další jazyky",
                      "jazykové dovednosti", "cizí jazyky"),
        "certifications": ("certifikáty",),
        "projects": ("projekty",),
        "other": ("osobní údaje", "řidičský průkaz", "další informace", "doplňující informace", "publikace"),
    },
    "sk": {  # [E], [P] (personal information, languages, digital skills); the rest [T]
        "experience": ("pracovné skúsenosti", "prax", "pracovná prax", "odborná prax"),
        "education": ("vzdelávanie a príprava", "vzdelanie"),
        "skills": ("digitálne zručnosti", "osobné zručnosti", "komunikačné zručnosti", "organizačné zručnosti",
                   "organizačné a riadiace zručnosti", "pracovné zručnosti", "odborné zručnosti"),
        "languages": ("materinský jazyk", "materinský(é) jazyk(y)", "materinské jazyky", "ďalšie jazyky",
                      "ďalší(ie) jazyk(y)", "jazykové zručnosti", "cudzie jazyky"),
        "certifications": ("certifikáty",),
        "projects": ("projekty",),
        "other": ("osobné údaje", "vodičský preukaz", "ďalšie informácie", "doplňujúce informácie", "publikácie"),
    },
    "sv": {  # [E], [P] (personal information, languages, digital skills); the rest [T]
        "experience": ("arbetslivserfarenhet", "arbetserfarenhet"),
        "education": ("utbildning",),
        "skills": ("digital färdighet", "digitala färdigheter", "personliga färdigheter"),
        "languages": ("modersmål", "andra språk", "språkkunskaper"),
        "projects": ("projekt",),
        "other": ("personuppgifter", "personlig information", "körkort", "övrig information",
                  "ytterligare information", "publikationer"),
    },
    "da": {  # [E], [P] (personal information, languages, digital skills); the rest [T]
        "experience": ("erhvervserfaring", "arbejdserfaring"),
        "education": ("uddannelse",),
        "skills": ("digital kompetence", "digitale kompetencer", "personlige kompetencer"),
        "languages": ("modersmål", "andre sprog", "sprogkundskaber"),
        "projects": ("projekter",),
        "other": ("personlige oplysninger", "personlig information", "kørekort", "yderligere oplysninger",
                  "supplerende oplysninger", "publikationer"),
    },
    "fi": {  # [E] (personal information, languages); the rest [T]
        "experience": ("työkokemus",),
        "education": ("koulutus",),
        "skills": ("henkilökohtaiset taidot", "digitaaliset taidot", "viestintätaidot"),
        "languages": ("äidinkieli", "muu kielitaito", "muut kielet", "kielitaito"),
        "projects": ("projektit",),
        "other": ("henkilötiedot", "ajokortti", "lisätiedot", "julkaisut"),
    },
    "hu": {  # [E], [P] (personal information, languages, digital skills); the rest [T]
        "experience": ("szakmai tapasztalat", "szakmai tapasztalatok", "munkatapasztalat", "munkahelyek"),
        "education": ("oktatás és képzés", "tanulmányok", "végzettség", "iskolai végzettség"),
        "skills": ("digitális készségek", "személyes készségek", "kommunikációs készségek", "szervezési készségek",
                   "kompetenciák", "készségek", "képességek", "szakmai kompetenciák"),
        "languages": ("anyanyelv", "anyanyelv(ek)", "anyanyelvek", "anyanyelve", "egyéb nyelvek", "idegen nyelvek",
                      "nyelvtudás", "nyelvek", "nyelvismeret"),
        "projects": ("projektek",),
        "other": ("személyi adatok", "vezetői engedély", "jogosítvány", "további információk",
                  "kiegészítő információk", "publikációk"),
    },
    "ro": {  # [E], [P] (personal information, languages, digital skills); the rest [T]
        "experience": ("experiență profesională", "experiența profesională"),
        "education": ("educație și formare",),
        "skills": ("competență digitală", "competențe digitale", "competențe personale", "competențe de comunicare",
                   "competențe organizaționale"),
        "languages": ("limba maternă", "limba(i) maternă(e)", "limbi materne", "alte limbi", "alte limbi străine",
                      "alte limbi străine cunoscute", "limbi străine", "competențe lingvistice"),
        "projects": ("proiecte",),
        "other": ("informații personale", "permis de conducere", "informații suplimentare", "publicații"),
    },
    "tr": {  # [P] (personal information, languages, digital skills); the rest [T]
        "experience": ("iş deneyimi",),
        "education": ("eğitim ve öğretim",),
        "skills": ("dijital beceriler", "dijital becerileri", "kişisel beceriler", "iletişim becerileri",
                   "organizasyon becerileri"),
        "languages": ("ana dil", "ana dil(ler)", "ana diller", "anadil", "yabancı diller"),
        "projects": ("projeler",),
        "other": ("kişisel bilgiler", "ehliyet", "sürücü belgesi", "ek bilgiler", "yayınlar"),
    },
}

# The Europass CV's first block, its "Personal information" label in each language: the candidate's own address,
# phone and e-mail follow it, so the contact reader reads the block like a "Contact" one.
PERSONAL_INFORMATION_HEADINGS = frozenset({
    "personal information", "angaben zur person", "information personnelle", "informations personnelles",
    "información personal", "osebni podatki", "informazioni personali", "osobni podaci", "informação pessoal",
    "informações pessoais", "persoonsgegevens", "dane osobowe", "osobní údaje", "osobné údaje", "personuppgifter",
    "personlig information", "personlige oplysninger", "henkilötiedot", "személyi adatok", "informații personale",
    "informaţii personale", "kişisel bilgiler",
})

# Romanian is written with a comma below ("ș", "ț") and, in older fonts and files, with a cedilla ("ş", "ţ"): [P]'s
# own file writes "Informaţii personale". Both spellings are headings.
_CEDILLA = str.maketrans({"ș": "ş", "ț": "ţ"})


def europass_phrases() -> dict[str, tuple[str, ...]]:
    """Kind -> phrases over all languages (Romanian in both spellings), deduplicated, in table order."""
    phrases: dict[str, dict[str, None]] = {}
    for language, kinds in EUROPASS_HEADINGS.items():
        for kind, words in kinds.items():
            for phrase in words:
                phrases.setdefault(kind, {})[phrase] = None
                if language == "ro":
                    phrases[kind][phrase.translate(_CEDILLA)] = None
    return {kind: tuple(words) for kind, words in phrases.items()}
