//! Open Eligibility, the human-services taxonomy many HSDS feeds tag their services with
//! (services and the situations they serve). The terms that say something Hearth filters
//! and matches on are mapped here to Hearth's attributes; every term also stays a tag. The
//! taxonomy itself holds no services, so it is not imported on its own.

/// Term id, its title in the taxonomy (checked against the file in a test), and the
/// Hearth attributes it gives, written as the `hearth` taxonomy's codes.
pub const TERMS: &[(&str, &str, &[&str])] = &[
    // Services › Care › Support Network
    (
        "1304",
        "Counseling",
        &["kind:professional", "facilitation:professional"],
    ),
    (
        "1310",
        "Peer Support",
        &["kind:peer_support", "facilitation:peer"],
    ),
    ("1311", "Spiritual Support", &["kind:faith"]),
    ("1312", "Support Groups", &["kind:peer_support"]),
    (
        "1313",
        "12-Step",
        &["kind:peer_support", "focus:addiction_recovery"],
    ),
    ("1314", "Bereavement", &["kind:peer_support", "focus:grief"]),
    ("1315", "Parenting Education", &["focus:parents"]),
    ("1316", "Virtual Support", &["kind:online", "format:online"]),
    // Services › Care
    ("1285", "Recreation", &["kind:activity"]),
    ("1286", "Relief for Caregivers", &["focus:caregiving"]),
    ("1288", "Bereavement", &["focus:grief"]),
    // Services › Health
    (
        "1178",
        "Addiction & Recovery",
        &["focus:addiction_recovery"],
    ),
    (
        "1179",
        "12-Step",
        &["kind:peer_support", "focus:addiction_recovery"],
    ),
    ("1186", "Bereavement", &["focus:grief"]),
    (
        "1220",
        "Counseling",
        &["kind:professional", "facilitation:professional"],
    ),
    // Situations
    ("20006", "Seniors", &["focus:older_adults"]),
    ("20030", "Grieving", &["focus:grief"]),
    ("20036", "Women", &["focus:women"]),
    ("20037", "Men", &["focus:men"]),
    ("20038", "Transgender", &["focus:lgbtq"]),
    ("20044", "Cancer", &["focus:chronic_illness"]),
    ("20045", "Alzheimers", &["focus:chronic_illness"]),
    ("20047", "Terminal Illness", &["focus:chronic_illness"]),
    (
        "20050",
        "Substance Dependency",
        &["focus:addiction_recovery"],
    ),
    ("20090", "Chronic Illness", &["focus:chronic_illness"]),
    ("20073", "Caregivers", &["focus:caregiving"]),
    ("20074", "Fathers", &["focus:parents"]),
    ("20075", "Mothers", &["focus:parents"]),
    ("20076", "Parents", &["focus:parents"]),
    ("20078", "LGBTQ", &["focus:lgbtq"]),
    ("20080", "All Survivors", &["focus:trauma"]),
    ("20081", "Abuse or Neglect Survivors", &["focus:trauma"]),
    ("20083", "Domestic Violence Survivors", &["focus:trauma"]),
    ("20084", "Human Trafficking Survivors", &["focus:trauma"]),
    ("20085", "Natural Disaster Survivors", &["focus:trauma"]),
    ("20086", "Sexual Assault Survivors", &["focus:trauma"]),
];

/// Whether a term's `taxonomy` names Open Eligibility, however a feed spells it
/// (`Open Eligibility`, `open-eligibility`, `openeligibility`).
pub fn is_open_eligibility(taxonomy: &str) -> bool {
    let folded: String = taxonomy
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    folded == "openeligibility"
}

/// The Hearth attributes an Open Eligibility term id gives; none for a term Hearth does
/// not map.
pub fn attributes(code: &str) -> &'static [&'static str] {
    TERMS
        .iter()
        .find(|(id, _, _)| *id == code.trim())
        .map_or(&[], |(_, _, a)| a)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The taxonomy as published (testdata/directory/open-eligibility, CC BY-SA 3.0).
    fn taxonomy() -> String {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/directory/open-eligibility/taxonomy"
        );
        std::fs::read_to_string(path)
            .expect("the Open Eligibility file")
            .replace("&amp;", "&")
    }

    #[test]
    fn every_mapped_term_is_in_the_taxonomy_with_that_title() {
        let xml = taxonomy();
        for (id, title, attrs) in TERMS {
            let found = [
                format!("id=\"{id}\" title=\"{title}\""),
                format!("id='{id}' title=\"{title}\""),
            ]
            .iter()
            .any(|needle| xml.contains(needle.as_str()));
            assert!(found, "{id} {title:?} is not in the taxonomy");
            assert!(!attrs.is_empty());
        }
        let mut ids: Vec<&str> = TERMS.iter().map(|t| t.0).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), TERMS.len(), "each term once");
    }

    #[test]
    fn every_attribute_is_one_hearth_reads() {
        let mut r = crate::directory::Resource::named("x");
        for (_, _, attrs) in TERMS {
            for a in *attrs {
                assert!(super::super::hsds::hearth_attribute(&mut r, a), "{a}");
            }
        }
    }

    #[test]
    fn names_and_codes() {
        assert!(is_open_eligibility("Open Eligibility"));
        assert!(is_open_eligibility("open-eligibility"));
        assert!(!is_open_eligibility("hearth"));
        assert_eq!(attributes(" 1314 "), &["kind:peer_support", "focus:grief"]);
        assert!(
            attributes("1101").is_empty(),
            "Emergency says nothing Hearth filters on"
        );
    }
}
