import { intlTag, type Locale } from "./i18n";

// Dates are shown in Luoyang's time whatever the server's or phone's zone.
const TIME_ZONE = "Asia/Shanghai";

/**
 * One formatter per language and kind, made on first use: creating an Intl formatter costs far
 * more than formatting with one, and a list page formats hundreds of amounts and dates (2–3% of
 * the server's CPU under `npm run bench:load` before this).
 */
function formatters<T>(make: (locale: Locale) => T): (locale: Locale) => T {
  const made = new Map<Locale, T>();
  return (locale) => {
    let formatter = made.get(locale);
    if (!formatter) made.set(locale, (formatter = make(locale)));
    return formatter;
  };
}

const dateFormat = formatters(
  (locale) => new Intl.DateTimeFormat(intlTag(locale), { dateStyle: "medium", timeZone: TIME_ZONE }),
);
const dateTimeFormat = formatters(
  (locale) =>
    new Intl.DateTimeFormat(intlTag(locale), {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: TIME_ZONE,
    }),
);
const numberFormat = formatters((locale) => new Intl.NumberFormat(intlTag(locale)));
const wanFormat = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 });
const currencyFormat = (fractionDigits: 0 | 2) =>
  formatters(
    (locale) =>
      new Intl.NumberFormat(intlTag(locale), {
        style: "currency",
        currency: "CNY",
        currencyDisplay: "narrowSymbol",
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: 2,
      }),
  );
const wholeYuanFormat = currencyFormat(0);
const yuanFenFormat = currencyFormat(2);

export function formatDate(locale: Locale, value: Date | string | number): string {
  return dateFormat(locale).format(new Date(value));
}

export function formatDateTime(locale: Locale, value: Date | string | number): string {
  return dateTimeFormat(locale).format(new Date(value));
}

export function formatNumber(locale: Locale, value: number): string {
  return numberFormat(locale).format(value);
}

/** "+8613800000001" → "+86 138 0000 0001", the way people read a mobile number aloud. */
export function formatPhone(phone: string): string {
  const match = phone.match(/^\+86(1\d{2})(\d{4})(\d{4})$/);
  return match ? `+86 ${match[1]} ${match[2]} ${match[3]}` : phone;
}

const FEN_PER_YUAN = 100;
const YUAN_PER_WAN = 10_000;

/**
 * Money arrives as integer fen and is shown exactly, to the fen, in both languages
 * ("¥19,382.72", "¥30,000"): a statement, a notice or an export that rounds to 万元 tells a
 * cooperative a different sum from the one in its account.
 */
export function formatMoney(locale: Locale, amountFen: number): string {
  if (!Number.isInteger(amountFen)) throw new TypeError("money must be an integer number of fen");
  const yuan = amountFen / FEN_PER_YUAN;
  return (Number.isInteger(yuan) ? wholeYuanFormat : yuanFenFormat)(locale).format(yuan);
}

// 0.01万元 is 100 yuan: only amounts in whole hundreds of yuan read exactly in 万元 with two decimals.
const FEN_PER_HUNDREDTH_WAN = 100 * FEN_PER_YUAN;

/**
 * A budget range in one unit, the way a budget is read: "0.5–2万元" in Chinese once the upper end
 * reaches 万元 and both ends are exact in that unit; two exact amounts with a dash otherwise.
 */
export function formatMoneyRange(locale: Locale, minFen: number, maxFen: number): string {
  const exactInWan = minFen % FEN_PER_HUNDREDTH_WAN === 0 && maxFen % FEN_PER_HUNDREDTH_WAN === 0;
  if (locale === "zh" && exactInWan && Math.abs(maxFen) >= YUAN_PER_WAN * FEN_PER_YUAN) {
    return `${wanFormat.format(minFen / FEN_PER_YUAN / YUAN_PER_WAN)}–${wanFormat.format(maxFen / FEN_PER_YUAN / YUAN_PER_WAN)}万元`;
  }
  return `${formatMoney(locale, minFen)} – ${formatMoney(locale, maxFen)}`;
}

/**
 * An amount inside a text made before anyone reads it (a notification, an error): exact, and the
 * same in both languages, so it reads right whichever language the reader has chosen.
 */
export function moneyParam(amountFen: number): string {
  return formatMoney("zh", amountFen);
}
