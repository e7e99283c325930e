/**
 * Numbers the way a Chinese contract writes them: amounts in capitals (大写金额), so a figure
 * cannot be altered by adding a stroke, and article numbers (第一条, 第十二条).
 */

const CAPITAL_DIGITS = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
const CAPITAL_UNITS = ["", "拾", "佰", "仟"];
// Groups of four digits: 万 (10^4), 亿 (10^8), 万亿 (10^12).
const GROUP_UNITS = ["", "万", "亿", "万亿"];

/** 1..9999 in capitals, without leading zeros: 1010 → 壹仟零壹拾. */
function groupInCapitals(group: number): string {
  let out = "";
  let zeroPending = false;
  for (let place = 3; place >= 0; place--) {
    const digit = Math.floor(group / 10 ** place) % 10;
    if (digit === 0) {
      if (out) zeroPending = true;
      continue;
    }
    if (zeroPending) out += "零";
    zeroPending = false;
    out += CAPITAL_DIGITS[digit]! + CAPITAL_UNITS[place]!;
  }
  return out;
}

/**
 * Integer fen in capitals, following the payment-settlement rules (《支付结算办法》): 整 after 元
 * when there are no 角 or 分; one 零 for any run of zeros inside the figure; 拾 always with its
 * digit (壹拾万). 1_200_000 fen → 壹万贰仟元整; 105 → 壹元零伍分; 1_050 → 壹拾元伍角.
 */
export function fenToChineseCapital(amountFen: number): string {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0)
    throw new RangeError("amount must be a non-negative integer number of fen");
  const yuan = Math.floor(amountFen / 100);
  const jiao = Math.floor(amountFen / 10) % 10;
  const fen = amountFen % 10;

  const groups: number[] = [];
  for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  let integer = "";
  let zeroPending = false;
  for (let index = groups.length - 1; index >= 0; index--) {
    const group = groups[index]!;
    if (group === 0) {
      if (integer) zeroPending = true;
      continue;
    }
    // A zero between groups (10_0001 → 壹拾万零壹) or a group that starts with zeros (1_0100 → 壹万零壹佰).
    if (integer && (zeroPending || group < 1000)) integer += "零";
    zeroPending = false;
    integer += groupInCapitals(group) + GROUP_UNITS[index]!;
  }

  if (jiao === 0 && fen === 0) return `${integer || "零"}元整`;
  let out = integer ? `${integer}元` : "";
  if (jiao > 0) out += `${CAPITAL_DIGITS[jiao]!}角`;
  else if (integer) out += "零";
  if (fen > 0) out += `${CAPITAL_DIGITS[fen]!}分`;
  return out;
}

const PLAIN_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1..99 as an article number is read: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五. */
export function chineseOrdinal(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError("ordinal out of range");
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return PLAIN_DIGITS[ones]!;
  return `${tens === 1 ? "" : PLAIN_DIGITS[tens]!}十${ones === 0 ? "" : PLAIN_DIGITS[ones]!}`;
}
