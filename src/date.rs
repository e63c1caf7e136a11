//! Calendar dates as adverts write them: parsed from ISO (`2027-01-28`) or from the way Civil
//! Service Jobs prints them (`Thursday 28 January 2027`, `28 Jan 2027`), printed back either way,
//! and today's date, which `JOBGEN_TODAY=YYYY-MM-DD` fixes for tests and reproducible runs.
//! Proleptic Gregorian calendar, years 1 to 9999; no time of day and no time zone (the clock is
//! read as UTC).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The environment variable that fixes [`Date::today`].
pub const TODAY_VAR: &str = "JOBGEN_TODAY";

/// A day of the Gregorian calendar. Ordered by time; shown and serialised as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, 1 to 9999.
    pub year: u16,
    /// The month, 1 (January) to 12.
    pub month: u8,
    /// The day of the month, from 1.
    pub day: u8,
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Weekday {
    /// Its English name: `Monday`.
    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }

    /// The weekday named by `word`, in full or by its first three letters, any case.
    fn from_name(word: &str) -> Option<Weekday> {
        WEEKDAYS.into_iter().find(|d| name_matches(d.name(), word))
    }
}

impl fmt::Display for Weekday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether `word` is `name` in full or its first three letters (or `Sept`), in any case.
fn name_matches(name: &str, word: &str) -> bool {
    word.eq_ignore_ascii_case(name)
        || (word.len() == 3 && name[..3].eq_ignore_ascii_case(word))
        || (name == "September" && word.eq_ignore_ascii_case("Sept"))
}

fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

/// The number of days in a month (1 to 12) of a year.
fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// The date, if it exists (`2027-02-29` does not).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Reads a date written as `2027-01-28`, `28 January 2027`, `Thursday 28 January 2027` or
    /// `28 Jan 2027` (month and weekday names in full or by three letters, any case; a comma
    /// after the weekday is allowed). `None` if it is none of those, the day does not exist, or
    /// the weekday given is not that date's.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        if let Some(date) = Self::parse_iso(text) {
            return Some(date);
        }
        let mut words: Vec<&str> = text.split_whitespace().collect();
        let weekday = match words.first() {
            Some(first) if first.starts_with(|c: char| c.is_ascii_alphabetic()) => {
                let day = Weekday::from_name(first.strip_suffix(',').unwrap_or(first))?;
                words.remove(0);
                Some(day)
            }
            _ => None,
        };
        let [day, month, year] = words[..] else {
            return None;
        };
        let day = digits(day, 1..=2)? as u8;
        let month = MONTHS.iter().position(|m| name_matches(m, month))? as u8 + 1;
        let year = digits(year, 4..=4)? as u16;
        let date = Date::new(year, month, day)?;
        match weekday {
            Some(w) if w != date.weekday() => None,
            _ => Some(date),
        }
    }

    /// `YYYY-MM-DD`, exactly, as data files write dates.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let year = digits(parts.next()?, 4..=4)? as u16;
        let month = digits(parts.next()?, 2..=2)? as u8;
        let day = digits(parts.next()?, 2..=2)? as u8;
        if parts.next().is_some() {
            return None;
        }
        Date::new(year, month, day)
    }

    /// The number of days since 1970-01-01 (negative before it).
    fn days_from_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil: years start in March, so a leap day ends its year.
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` days after 1970-01-01 (Hinnant's civil_from_days), if it is in years 1
    /// to 9999.
    fn from_days_from_epoch(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday, index 3 from Monday.
        WEEKDAYS[(self.days_from_epoch() + 3).rem_euclid(7) as usize]
    }

    /// The date as Civil Service Jobs prints it: `Thursday 28 January 2027`.
    pub fn csj(self) -> String {
        format!(
            "{} {} {} {}",
            self.weekday(),
            self.day,
            MONTHS[usize::from(self.month) - 1],
            self.year
        )
    }

    /// Today: the date in `JOBGEN_TODAY` (`YYYY-MM-DD`) if it is set, else the system clock's
    /// date in UTC. An error, to show as it is, if `JOBGEN_TODAY` is set but not a date.
    pub fn today() -> Result<Date, String> {
        match std::env::var_os(TODAY_VAR) {
            Some(value) => Self::from_env(&value.to_string_lossy()),
            None => {
                let since = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_err(|_| "the system clock is set before 1970".to_string())?;
                let days = i64::try_from(since.as_secs() / 86_400)
                    .map_err(|_| "the system clock is past the year 9999".to_string())?;
                Self::from_days_from_epoch(days)
                    .ok_or_else(|| "the system clock is past the year 9999".to_string())
            }
        }
    }

    /// The value of `JOBGEN_TODAY`, which must be `YYYY-MM-DD`.
    fn from_env(value: &str) -> Result<Date, String> {
        Self::parse_iso(value.trim()).ok_or_else(|| {
            format!(
                "{TODAY_VAR} is `{value}`, which is not a date: set it as YYYY-MM-DD \
                 (for example 2027-01-28) or unset it to use the system clock"
            )
        })
    }
}

/// `text` as a number, if it is only ASCII digits and their count is in `len`.
fn digits(text: &str, len: std::ops::RangeInclusive<usize>) -> Option<u32> {
    let ok = len.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| text.parse().ok()).flatten()
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    /// Any form [`Date::parse`] reads.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a date: write it as 2027-01-28 or Thursday 28 January 2027 \
                 (the day must exist and the weekday match it)"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: u16, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn reads_every_written_form() {
        let want = Some(date(2027, 1, 28));
        for text in [
            "2027-01-28",
            "28 January 2027",
            "Thursday 28 January 2027",
            "28 Jan 2027",
            "Thu 28 Jan 2027",
            "Thursday, 28 January 2027",
            "  thursday 28 JANUARY 2027 ",
        ] {
            assert_eq!(Date::parse(text), want, "{text}");
        }
        assert_eq!(Date::parse("1 Sept 2026"), Some(date(2026, 9, 1)));
        assert_eq!(Date::parse("01 September 2026"), Some(date(2026, 9, 1)));
    }

    #[test]
    fn a_weekday_that_is_not_the_dates_is_rejected() {
        assert_eq!(Date::parse("Friday 28 January 2027"), None);
        assert_eq!(Date::parse("Fri 28 Jan 2027"), None);
        assert_eq!(Date::parse("Someday 28 January 2027"), None);
    }

    #[test]
    fn days_that_do_not_exist_are_rejected() {
        for text in [
            "2027-02-29",
            "2100-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "0000-01-01",
            "31 June 2026",
            "29 February 2027",
            "32 January 2027",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2000-02-29").is_some());
        assert!(Date::parse("1900-02-29").is_none());
        assert!(Date::parse("29 February 2028").is_some());
        assert_eq!(date(2024, 2, 29).weekday(), Weekday::Thursday);
        assert_eq!(date(2000, 2, 29).weekday(), Weekday::Tuesday);
    }

    #[test]
    fn month_ends_are_where_the_calendar_puts_them() {
        let ends = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        for (month, end) in (1..=12).zip(ends) {
            assert!(Date::new(2027, month, end).is_some(), "{month}");
            assert!(Date::new(2027, month, end + 1).is_none(), "{month}");
        }
    }

    #[test]
    fn bad_input_is_not_a_date() {
        for text in [
            "",
            "TBC",
            "To be confirmed",
            "2027-1-28",
            "2027-01-28T10:00",
            "27-01-28",
            "28/01/2027",
            "28 January",
            "January 28 2027",
            "28 Janu 2027",
            "28 January 27",
            "Thursday",
            "+28 January 2027",
            "28 January 2027 midday",
            "2027-01-28-",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }

    #[test]
    fn weekdays_are_right_across_centuries() {
        assert_eq!(date(1970, 1, 1).weekday(), Weekday::Thursday);
        assert_eq!(date(1969, 12, 31).weekday(), Weekday::Wednesday);
        assert_eq!(date(2026, 11, 23).weekday(), Weekday::Monday);
        assert_eq!(date(1, 1, 1).weekday(), Weekday::Monday);
        assert_eq!(date(9999, 12, 31).weekday(), Weekday::Friday);
    }

    #[test]
    fn prints_as_civil_service_jobs_does_and_reads_it_back() {
        assert_eq!(date(2027, 1, 28).csj(), "Thursday 28 January 2027");
        assert_eq!(date(2026, 9, 1).csj(), "Tuesday 1 September 2026");
        // Every day of four years, leap day included: both printed forms read back as the date.
        let start = date(2027, 1, 1).days_from_epoch();
        for days in start - 800..start + 700 {
            let d = Date::from_days_from_epoch(days).unwrap();
            assert_eq!(d.days_from_epoch(), days);
            assert_eq!(Date::parse(&d.csj()), Some(d), "{}", d.csj());
            assert_eq!(Date::parse(&d.to_string()), Some(d), "{d}");
        }
    }

    #[test]
    fn days_count_from_the_epoch_both_ways() {
        assert_eq!(date(1970, 1, 1).days_from_epoch(), 0);
        assert_eq!(date(2000, 3, 1).days_from_epoch(), 11_017);
        assert_eq!(Date::from_days_from_epoch(-1), Some(date(1969, 12, 31)));
        assert_eq!(Date::from_days_from_epoch(11_016), Some(date(2000, 2, 29)));
        assert_eq!(Date::from_days_from_epoch(3_000_000), None);
    }

    #[test]
    fn dates_order_by_time_and_serialise_as_iso() {
        assert!(date(2026, 12, 31) < date(2027, 1, 1));
        assert!(date(2027, 1, 9) < date(2027, 1, 10));
        assert_eq!(
            serde_json::to_string(&date(2027, 1, 28)).unwrap(),
            "\"2027-01-28\""
        );
        assert_eq!(date(5, 3, 7).to_string(), "0005-03-07");
        let read: Date = serde_json::from_str("\"Thursday 28 January 2027\"").unwrap();
        assert_eq!(read, date(2027, 1, 28));
        let bad = serde_json::from_str::<Date>("\"2027-02-30\"").unwrap_err();
        assert!(
            bad.to_string().contains("`2027-02-30` is not a date"),
            "{bad}"
        );
    }

    #[test]
    fn jobgen_today_must_be_an_iso_date() {
        // from_env is what today() applies to the variable; the environment itself is left
        // alone, since tests run in parallel threads.
        assert_eq!(Date::from_env("2027-01-28"), Ok(date(2027, 1, 28)));
        assert_eq!(Date::from_env(" 2027-01-28\n"), Ok(date(2027, 1, 28)));
        let e = Date::from_env("28 January 2027").unwrap_err();
        assert!(e.contains("JOBGEN_TODAY is `28 January 2027`"), "{e}");
        assert!(e.contains("YYYY-MM-DD"), "{e}");
        assert!(Date::from_env("2027-02-29").is_err());
    }

    #[test]
    fn today_reads_the_clock_when_the_variable_is_unset() {
        if std::env::var_os(TODAY_VAR).is_none() {
            let today = Date::today().unwrap();
            assert!(today >= date(2026, 1, 1), "{today}");
        }
    }
}
