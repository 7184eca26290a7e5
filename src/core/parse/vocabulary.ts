// Words the date rules share: month and weekday names, number words, and the words around dates.

export const MONTH_PATTERN =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

export const WEEKDAY_PATTERN =
  'mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?';

export const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** Monday first, as the parser counts weeks. */
export const WEEKDAY_NAMES = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

const MONTH_KEYS = MONTH_NAMES.map((name) => name.slice(0, 3));
const WEEKDAY_KEYS = WEEKDAY_NAMES.map((name) => name.slice(0, 3));

/** 1-12 for a month name or abbreviation, else 0. */
export function monthIndex(word: string): number {
  return MONTH_KEYS.indexOf(word.toLowerCase().replace(/\.$/, '').slice(0, 3)) + 1;
}

/** 0 = Monday .. 6 = Sunday, or -1. */
export function weekdayIndex(word: string): number {
  return WEEKDAY_KEYS.indexOf(word.toLowerCase().slice(0, 3));
}

/** Abbreviations that are also ordinary words ("Sun cream", "newly wed", "sat down") need context. */
export const AMBIGUOUS_WEEKDAY_ABBREVIATIONS = new Set(['wed', 'sat', 'sun']);

export const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  couple: 2,
  'a couple': 2,
  'a couple of': 2,
  other: 2,
};

export const COUNT_PATTERN =
  '\\d{1,3}|a(?:\\s+couple(?:\\s+of)?)?|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';

export function countValue(word: string): number {
  const key = word.toLowerCase().replace(/\s+/g, ' ');
  return /^\d+$/.test(key) ? Number(key) : (NUMBER_WORDS[key] ?? NaN);
}

export const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  fifteenth: 15,
  twentieth: 20,
  thirtieth: 30,
};

/** A day of the month in words ("May first", "the fifteenth of June"). */
export const DAY_WORD_PATTERN = Object.keys(ORDINAL_WORDS).join('|');

/** "15th", "1st", "third" -> 15, 1, 3; "last" -> -1; else NaN. */
export function ordinalValue(word: string): number {
  const key = word.toLowerCase();
  if (key === 'last') return -1;
  const m = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(key);
  if (m) return Number(m[1]);
  return ORDINAL_WORDS[key] ?? NaN;
}

export const ORDINAL_PATTERN = '\\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|last';

/** Words before a date that belong to it ("due on Friday"): removed from the title with the date. */
export const DATE_CONNECTORS = new Set([
  'on',
  'at',
  'by',
  'due',
  'for',
  'from',
  'starting',
  'until',
  'till',
  'before',
]);

/**
 * Words after a bare number that make it a quantity, not a time or day ("at 5 stars", "Jan 5 times").
 * Only consulted where a number could otherwise be read as a time or a day of the month.
 */
export const QUANTITY_WORDS = new Set([
  'times',
  'time',
  'people',
  'persons',
  'pages',
  'page',
  'items',
  'minutes',
  'mins',
  'hours',
  'hrs',
  'days',
  'weeks',
  'months',
  'years',
  'percent',
  'stars',
  'points',
  'pts',
  'km',
  'miles',
  'mi',
  'kg',
  'lbs',
  'lb',
  'degrees',
  'dollars',
  'euros',
  'bucks',
  'cups',
  'cup',
  'reps',
  'sets',
  'laps',
  'tickets',
  'copies',
  'boxes',
  'bottles',
  'chapters',
  'chapter',
  'episodes',
  'euro',
  'dollar',
  'pounds',
  'grams',
  'g',
  'ml',
  'l',
  'sites',
  'locations',
  'places',
  'rooms',
  'slides',
  'words',
  'inch',
  'inches',
  'cm',
  'mm',
  'ft',
  'feet',
  'oz',
  'tsp',
  'tbsp',
]);

/** Words that may follow a bare hour or day number when it is a time or date ("at 5 with Bob"). */
const FOLLOWER_WORD = new RegExp(
  `^(?:on|with|for|to|and|about|in|at|by|from|re|then|sharp|or|before|after|until|till|tomorrow|today|tonight|next|this|every|each|p[1-4]|morning|afternoon|evening|night|${MONTH_PATTERN}|${WEEKDAY_PATTERN})$`,
  'iu',
);

export function isFollowerWord(word: string): boolean {
  return FOLLOWER_WORD.test(word);
}

/** Nouns an ordinal counts rather than dates: "on the 5th floor", "the 3rd time". */
export const ORDINAL_NOUNS = new Set(
  'floor grade avenue ave street st edition anniversary birthday place century round time gen generation wave draft row level period inning attempt try version season episode chapter book page line item step day week month year percentile amendment element house hole gear quarter term semester class lesson'.split(
    ' ',
  ),
);

/** Capitalised words before a weekday that make it a name: "Black Friday", "Ash Wednesday". */
export const WEEKDAY_NAME_PREFIXES = new Set([
  'black',
  'good',
  'cyber',
  'ash',
  'easter',
  'super',
  'holy',
  'maundy',
  'giving',
  'blue',
  'small',
  'shrove',
  'whit',
  'palm',
  'fat',
]);

/** Minutes per unit in a relative reminder ("!30 min before", "!1h before", "!2 days before"). */
const REMINDER_UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440, w: 10080 };

export const REMINDER_UNIT_PATTERN = 'm|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?';

export function reminderUnitMinutes(unit: string): number {
  return REMINDER_UNIT_MINUTES[unit.toLowerCase()[0]] ?? NaN;
}
