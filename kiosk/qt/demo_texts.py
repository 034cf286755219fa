"""The words on the demo prototype's screens, by language (the e-service under test, not the kiosk's own UI).

These belong to the study material, as a plan's task texts do, so they are not in the kiosk's message
catalogs: a translator of the kiosk never sees them, and the demo's screens can say what a real farm-subsidy
e-service would. Serbian Latin is derived from Cyrillic (``kiosk.translit``), never typed twice.
"""

from __future__ import annotations

from kiosk.translit import cyrillic_to_latin

#: key → (Serbian Cyrillic, English, Hungarian)
_TEXTS: dict[str, tuple[str, str, str]] = {
    "country": ("РЕПУБЛИКА СРБИЈА", "REPUBLIC OF SERBIA", "SZERB KÖZTÁRSASÁG"),
    "agency": ("Управа за аграрна плаћања", "Directorate for Agrarian Payments", "Agrárkifizetési Igazgatóság"),
    "user": ("Петар Петровић", "Petar Petrović", "Petar Petrović"),
    "help": ("Помоћ", "Help", "Súgó"),
    # the service's own help page is called otherwise than the kiosk's Help, which calls the facilitator
    "faq": ("Честа питања", "Common questions", "Gyakori kérdések"),
    "service": ("еСубвенције", "eSubsidies", "eTámogatások"),
    "back": ("‹ Назад", "‹ Back", "‹ Vissza"),
    "footer": ("Контакт центар: 011 123 4567 · радним данима од 8 до 16 часова",
               "Contact centre: 011 123 4567 · working days, 8:00 to 16:00",
               "Ügyfélszolgálat: 011 123 4567 · munkanapokon 8 és 16 óra között"),
    # home
    "home.crumb": ("Почетна", "Home", "Kezdőlap"),
    "home.heading": ("Добар дан! Шта желите да урадите?", "Good day! What would you like to do?",
                     "Jó napot! Mit szeretne tenni?"),
    "home.apply": ("Нови захтев за подстицај", "New subsidy application", "Új támogatási kérelem"),
    "home.apply.sub": ("Поднесите захтев за ову годину", "Apply for this year", "Kérelem beadása az idei évre"),
    "home.applications": ("Моји захтеви", "My applications", "Kérelmeim"),
    "home.applications.sub": ("Стање захтева и решења", "Status and decisions", "Állapot és határozatok"),
    "home.registry": ("Регистар газдинства", "Farm holding register", "Gazdaságnyilvántartás"),
    "home.registry.sub": ("Подаци о газдинству и земљишту", "Your holding and land", "Gazdaság és földterület adatai"),
    # choose
    "choose.crumb": ("Нови захтев", "New application", "Új kérelem"),
    "choose.heading": ("Изаберите врсту подстицаја", "Choose the kind of subsidy", "Válassza ki a támogatás fajtáját"),
    "choose.crop": ("Основни подстицај за биљну производњу", "Basic subsidy for crop production",
                    "Alaptámogatás a növénytermesztéshez"),
    "choose.crop.sub": ("по хектару обрадиве површине", "per hectare of arable land", "megművelt hektáronként"),
    "choose.livestock": ("Подстицај за сточарство", "Livestock subsidy", "Állattenyésztési támogatás"),
    "choose.livestock.sub": ("по грлу стоке", "per head of livestock", "állategységenként"),
    "choose.machinery": ("Подстицај за набавку механизације", "Subsidy for buying machinery",
                         "Támogatás mezőgazdasági gépek vásárlására"),
    "choose.machinery.sub": ("део цене нове машине", "part of the price of a new machine", "az új gép árának egy része"),
    # form
    "form.step": ("Корак 1 од 2: подаци о површини", "Step 1 of 2: your land", "1. lépés (2-ből): a földterület"),
    "form.holding": ("Број газдинства (РПГ)", "Farm holding number (RPG)", "Gazdaság száma (RPG)"),
    "form.crop": ("Култура", "Crop", "Növénykultúra"),
    "form.maize": ("Кукуруз", "Maize", "Kukorica"),
    "form.area": ("Површина у хектарима", "Area in hectares", "Terület hektárban"),
    "form.area.value": ("4,00", "4.00", "4,00"),
    "form.note": ("Подаци су преузети из Регистра газдинства. Проверите их пре него што наставите.",
                  "These details come from the farm holding register. Check them before you go on.",
                  "Az adatok a gazdaságnyilvántartásból származnak. Ellenőrizze őket, mielőtt továbblép."),
    "next": ("Даље ›", "Next ›", "Tovább ›"),
    # review
    "review.heading": ("Проверите захтев", "Check your application", "Ellenőrizze a kérelmét"),
    "review.step": ("Корак 2 од 2: преглед", "Step 2 of 2: review", "2. lépés (2-ből): áttekintés"),
    "review.applicant": ("Подносилац", "Applicant", "Kérelmező"),
    "review.subsidy": ("Подстицај", "Subsidy", "Támogatás"),
    "review.amount": ("Износ (процена)", "Amount (estimate)", "Összeg (becslés)"),
    "review.amount.value": ("72.000 динара", "72,000 dinars", "72 000 dinár"),
    "review.area.value": ("4,00 ха", "4.00 ha", "4,00 ha"),
    "review.declare": ("Изјављујем да су подаци тачни", "I declare that these details are true",
                       "Kijelentem, hogy az adatok valósak"),
    "review.edit": ("‹ Измени", "‹ Change", "‹ Módosítás"),
    "review.send": ("Пошаљи захтев", "Send application", "Kérelem elküldése"),
    # sent
    "sent.crumb": ("Захтев је послат", "Application sent", "Kérelem elküldve"),
    "sent.heading": ("Ваш захтев је послат", "Your application has been sent", "Kérelmét elküldtük"),
    "sent.case": ("Број предмета", "Case number", "Ügyszám"),
    "sent.keep": ("Запишите или сачувајте овај број. Решење ћете добити у пријемно сандуче еУправе.",
                  "Write down or keep this number. The decision will come to your eUprava inbox.",
                  "Írja fel vagy őrizze meg ezt a számot. A határozatot az eUprava postafiókjába kapja meg."),
    "sent.date": ("Послато 30. 11. 2026. у 10:42", "Sent on 30 Nov 2026 at 10:42", "Elküldve: 2026. 11. 30., 10:42"),
    "sent.home": ("На почетну", "Back to the start", "Vissza a kezdőlapra"),
    # help
    "help.heading": ("Помоћ", "Help", "Súgó"),
    "help.q1": ("Како да поднесем захтев?", "How do I apply?", "Hogyan adhatom be a kérelmet?"),
    "help.a1": ("На почетној страни изаберите „Нови захтев за подстицај”, затим врсту подстицаја.",
                "On the home page choose ‘New subsidy application’, then the kind of subsidy.",
                "A kezdőlapon válassza az „Új támogatási kérelem” lehetőséget, majd a támogatás fajtáját."),
    "help.q2": ("Где видим да ли је захтев одобрен?", "Where can I see whether my application was approved?",
                "Hol látom, hogy jóváhagyták-e a kérelmemet?"),
    "help.a2": ("У делу „Моји захтеви” на почетној страни. Тамо можете и да преузмете решење.",
                "Under ‘My applications’ on the home page. You can also download the decision there.",
                "A kezdőlap „Kérelmeim” részében. Ott a határozatot is letöltheti."),
    "help.q3": ("Ко може да ми помогне?", "Who can help me?", "Ki segíthet nekem?"),
    "help.a3": ("Позовите контакт центар: 011 123 4567, радним данима од 8 до 16 часова.",
                "Call the contact centre: 011 123 4567, working days from 8:00 to 16:00.",
                "Hívja az ügyfélszolgálatot: 011 123 4567, munkanapokon 8 és 16 óra között."),
    # applications
    "apps.case": ("Број предмета", "Case number", "Ügyszám"),
    "apps.subsidy": ("Подстицај", "Subsidy", "Támogatás"),
    "apps.date": ("Поднет", "Sent", "Beadva"),
    "apps.status": ("Стање", "Status", "Állapot"),
    "apps.row1.subsidy": ("Основни подстицај за биљну производњу", "Basic subsidy for crop production",
                          "Alaptámogatás a növénytermesztéshez"),
    "apps.row1.date": ("28. 10. 2026.", "28 Oct 2026", "2026. 10. 28."),
    "apps.approved": ("Одобрено", "Approved", "Jóváhagyva"),
    "apps.download": ("Преузми решење", "Download decision", "Határozat letöltése"),
    "apps.row2.subsidy": ("Подстицај за набавку механизације", "Subsidy for buying machinery",
                          "Támogatás mezőgazdasági gépek vásárlására"),
    "apps.row2.date": ("12. 3. 2025.", "12 Mar 2025", "2025. 03. 12."),
    "apps.paid": ("Исплаћено", "Paid", "Kifizetve"),
    "apps.new": ("Нови захтев", "New application", "Új kérelem"),
    "apps.open": ("Отвори ›", "Open ›", "Megnyitás ›"),
    # one application's page
    "status.heading": ("Детаљи захтева", "Application details", "A kérelem részletei"),
    # each screen's short name, as reports and the console's mirror name it (not drawn)
    "title.home": ("Почетна", "Home", "Kezdőlap"),
    "title.choose": ("Избор подстицаја", "Choosing the subsidy", "Támogatás kiválasztása"),
    "title.form": ("Образац захтева", "Application form", "Kérelem űrlap"),
    "title.review": ("Провера захтева", "Checking the application", "A kérelem ellenőrzése"),
    "title.sent": ("Захтев послат", "Application sent", "Kérelem elküldve"),
    "title.help": ("Честа питања", "Common questions", "Gyakori kérdések"),
    "title.applications": ("Моји захтеви", "My applications", "Kérelmeim"),
    "title.status": ("Детаљи захтева", "Application details", "A kérelem részletei"),
}

#: the languages whose screens are drawn (Serbian Latin comes from Cyrillic)
LANGUAGES = ("sr-Cyrl", "sr-Latn", "en", "hu")


def text(key: str, lang: str) -> str:
    cyrillic, english, hungarian = _TEXTS[key]
    if lang == "sr-Cyrl":
        return cyrillic
    if lang == "sr-Latn":
        return cyrillic_to_latin(cyrillic)
    if lang == "hu":
        return hungarian
    return english


def keys() -> tuple[str, ...]:
    return tuple(_TEXTS)
