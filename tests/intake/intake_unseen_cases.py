"""Hand-written mails in wording the corpus does not use: typos, casual phrasing, other languages and states.

Each case: (name, headers, body, expectations). Expectations list only what the case is about.
"""

from __future__ import annotations

from typing import Any

CASES: list[tuple[str, dict[str, str], str, dict[str, Any]]] = [
    (
        "casual_delete_typo",
        {"Subject": "pls delet my acount"},
        "hey, i dont use engram anymore. can you delete my account and all the data you have on me?\n"
        "thx, Jo (Austin, TX 78701)",
        {"kind": "request", "types": {"delete"}, "jurisdiction": "US-TX", "language": "en"},
    ),
    (
        "what_do_you_know_about_me",
        {"Subject": "question about my data"},
        "Hello, I would like to know what personal data you have about me and who you shared it with. "
        "I live in Virginia. Thank you.",
        {"kind": "request", "types": {"access"}, "jurisdiction": "US-VA"},
    ),
    (
        "spanish_access_and_delete",
        {"Subject": "Solicitud de acceso y supresión de mis datos"},
        "Buenos días:\n\nSolicito el derecho de acceso a mis datos personales y, después, la supresión de "
        "todos mis datos conforme al RGPD. Vivo en Madrid, España.\n\nGracias por su atención,\nLucía",
        {"kind": "request", "types": {"access", "delete"}, "jurisdiction": "EU", "language": "es", "primary": "delete"},
    ),
    (
        "french_opposition_marketing",
        {"Subject": "Opposition"},
        "Bonjour, je m'oppose au traitement de mes données à des fins de prospection. "
        "Merci de ne plus m'envoyer de messages. Cordialement, Paul (Bruxelles, Belgique)",
        {"kind": "request", "types": {"object"}, "jurisdiction": "EU", "language": "fr"},
    ),
    (
        "german_casual_konto_loeschen",
        {"Subject": "Konto löschen"},
        "Hallo, bitte löschen Sie mein Konto und alle meine Daten. Ich wohne in Wien, Österreich. Danke!",
        {"kind": "request", "types": {"delete"}, "jurisdiction": "EU", "language": "de"},
    ),
    (
        "uk_sar",
        {"Subject": "Subject Access Request"},
        "Dear Sir or Madam, please treat this email as a subject access request under the UK GDPR. "
        "I would like a copy of all the personal data you hold about me. My address is 12 High Street, "
        "Leeds LS1 4AP, United Kingdom.",
        {"kind": "request", "types": {"access"}, "jurisdiction": "UK"},
    ),
    (
        "colorado_targeted_ads",
        {"Subject": "Opt out"},
        "Under the Colorado Privacy Act I want to opt out of targeted advertising and opt out of the sale of "
        "my personal data. Denver, CO 80202.",
        {"kind": "request", "types": {"opt_out_targeted_ads", "opt_out_sale_share"}, "jurisdiction": "US-CO"},
    ),
    (
        "limit_sensitive",
        {"Subject": "Limit the use of my sensitive personal information"},
        "I am a California resident. Please limit the use of my sensitive personal information to what is "
        "necessary to provide the service.",
        {"kind": "request", "types": {"limit_sensitive"}, "jurisdiction": "US-CA"},
    ),
    (
        "appeal_denial",
        {"Subject": "Appeal of your decision"},
        "You refused my deletion request last month. I would like to appeal your decision under the Virginia "
        "Consumer Data Protection Act.",
        {"kind": "request", "types": {"appeal"}, "primary": "appeal", "jurisdiction": "US-VA"},
    ),
    (
        "correct_email",
        {"Subject": "wrong address in my profile"},
        "Hi, my account shows an outdated address. Please update my details: the correct address is "
        "5 Elm St, Portland, OR 97201.",
        {"kind": "request", "types": {"correct"}, "jurisdiction": "US-OR"},
    ),
    (
        "agent_without_proof",
        {"Subject": "Request on behalf of my mother"},
        "I am writing on behalf of my mother, Ana Ruiz, who wants you to delete her account and personal data. "
        "She lives in Phoenix, AZ 85004.",
        {"kind": "request", "types": {"delete"}, "agent": True, "agent_proof_attached": False},
    ),
    (
        "negated_not_delete",
        {"Subject": "Newsletter"},
        "Please do not delete my account. I only want to withdraw my consent to the marketing newsletter.",
        {"kind": "request", "types": {"withdraw_consent"}},
    ),
    (
        "billing_question",
        {"Subject": "Invoice"},
        "Hi, where can I download last month's invoice for the Enterprise plan? Thanks, Mark",
        {"kind": "other", "types": set()},
    ),
    (
        "german_ooo",
        {"Subject": "Abwesenheitsnotiz: Ihre Anfrage", "Auto-Submitted": "auto-replied"},
        "Ich bin bis zum 3. Oktober nicht im Büro und habe keinen Zugriff auf meine E-Mails.",
        {"kind": "auto_reply", "types": set(), "language": "de"},
    ),
    (
        "ooo_without_headers",
        {"Subject": "Out of Office: Re: your request"},
        "I am currently out of the office with no access to email. I will respond when I return.",
        {"kind": "auto_reply", "types": set()},
    ),
    (
        "marketing_newsletter",
        {"Subject": "Privacy Summit 2027 - register now", "List-Unsubscribe": "<mailto:u@example.com>"},
        "Join our privacy webinar on GDPR erasure requests and CCPA opt-out handling. Register now, "
        "limited time offer! Unsubscribe here.",
        {"kind": "spam", "types": set()},
    ),
    (
        "gpc_only",
        {"Subject": "GPC"},
        "My browser sends Global Privacy Control. Treat it as a do not sell or share request. Sacramento, California.",
        {"kind": "request", "types": {"opt_out_sale_share"}, "jurisdiction": "US-CA"},
    ),
    (
        "restriction_en",
        {"Subject": "Please restrict processing"},
        "While you check whether my data is accurate, please restrict processing of my data. Dublin, Ireland.",
        {"kind": "request", "types": {"restrict"}, "jurisdiction": "EU"},
    ),
    (
        "portability_casual",
        {"Subject": "moving to another service"},
        "I'm switching providers. Can you send me an export of all my data in a machine-readable format "
        "so I can import it elsewhere? I'm in Lyon, France.",
        {"kind": "request", "types": {"portability"}, "jurisdiction": "EU"},
    ),
    (
        "spanish_revoke_consent",
        {"Subject": "Retiro del consentimiento"},
        "Hola, por la presente retiro mi consentimiento para el tratamiento de mis datos con fines de "
        "publicidad. Saludos desde Lisboa, Portugal.",
        {"kind": "request", "types": {"withdraw_consent"}, "language": "es", "jurisdiction": "EU"},
    ),
]
