//! Random action sequences: invariants hold after every step, and undoing every step returns
//! the plan to where it started, exactly.

use crate::common;
use common::*;
use proptest::prelude::*;
use squadboard::app::{Action, Board, Spot};
use squadboard::input::Command;
use std::collections::BTreeSet;

const COMMANDS: [Command; 25] = [
    Command::Quit,
    Command::Help,
    Command::NextPane,
    Command::PrevPane,
    Command::Up,
    Command::Down,
    Command::Left,
    Command::Right,
    Command::Open,
    Command::Search,
    Command::Cancel,
    Command::InjuryOverlay,
    Command::ContractOverlay,
    Command::MonthBack,
    Command::MonthForward,
    Command::SeasonBack,
    Command::SeasonForward,
    Command::NextWindow,
    Command::Formation,
    Command::Grab,
    Command::Remove,
    Command::MoveUp,
    Command::MoveDown,
    Command::Undo,
    Command::Redo,
];

fn spot() -> impl Strategy<Value = Spot> {
    prop_oneof![
        (0usize..8, 0usize..9).prop_map(|(col, row)| Spot::Depth { col, row }),
        (0usize..8, 0usize..9).prop_map(|(col, row)| Spot::DepthMore { col, row }),
        (0usize..12).prop_map(Spot::Slot),
        (0usize..20).prop_map(Spot::ListRow),
        (0usize..20).prop_map(Spot::ListMore),
        Just(Spot::ListPane),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        8 => (0..COMMANDS.len()).prop_map(|i| Action::Command(COMMANDS[i])),
        // Grabs and drops are what change the plan: give them more weight.
        3 => Just(Action::Command(Command::Grab)),
        1 => prop::sample::select(vec!['k', 'o', 'n', 'a', 'r', 'ü', ' ', 'z']).prop_map(Action::FilterChar),
        1 => Just(Action::FilterBackspace),
        1 => Just(Action::FilterAccept),
        2 => spot().prop_map(Action::Press),
        2 => proptest::option::of(spot()).prop_map(Action::DragTo),
        2 => proptest::option::of(spot()).prop_map(Action::Release),
        1 => "[a-z\n]{0,6}".prop_map(Action::Paste),
    ]
}

fn check_invariants(b: &Board) -> Result<(), TestCaseError> {
    let xi: Vec<_> = b.doc.shown.xi(&b.doc.ds).into_iter().flatten().collect();
    let unique: BTreeSet<_> = xi.iter().cloned().collect();
    prop_assert_eq!(xi.len(), unique.len(), "a player twice in the XI");
    let signed: BTreeSet<_> = b.doc.plan.signings.iter().map(|s| s.id.clone()).collect();
    let placed: BTreeSet<_> = b
        .doc
        .plan
        .depth
        .players()
        .filter(|id| b.doc.ds.is_target(id))
        .cloned()
        .collect();
    prop_assert_eq!(signed, placed, "signings are the targets placed");
    for col in b.doc.shown.depth.columns.values() {
        let set: BTreeSet<_> = col.iter().collect();
        prop_assert_eq!(set.len(), col.len(), "a player twice in one column");
        prop_assert!(!col.is_empty(), "empty columns are dropped");
    }
    prop_assert!(b.view.list_cursor < b.view.list.len().max(1));
    prop_assert!(b.view.slot_cursor < 11);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_sessions_keep_the_invariants_and_undo_to_the_start(
        actions in prop::collection::vec(action(), 1..80)
    ) {
        let mut b = board();
        let start = b.doc.plan.clone();
        for a in actions {
            b.update(a);
            check_invariants(&b)?;
        }
        // Every frame draws without a panic at a normal and at a tiny size.
        render(&b, 120, 40);
        render(&b, 81, 25);
        // Close whatever is open (help and dialogs take the keys), then undo everything.
        b.view.help = false;
        b.view.modal = None;
        let end = b.doc.plan.clone();
        let steps = b.doc.history.undo_steps().len();
        for _ in 0..steps {
            b.update(Action::Command(Command::Undo));
        }
        prop_assert_eq!(&b.doc.plan, &start);
        // And redo everything back.
        for _ in 0..steps {
            b.update(Action::Command(Command::Redo));
        }
        prop_assert_eq!(&b.doc.plan, &end);
    }
}
