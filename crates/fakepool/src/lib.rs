//! Made-up players for tests, benchmarks and demos: deterministic by seed, with the names of a
//! dozen football nations (accents and all), clubs, positions, birth dates, contracts and
//! market values. Written as CSV in Transfermarkt's columns, or as a RON pool.
//!
//! A dev-only crate of the workspace (squadboard's `[dev-dependencies]`): the library and the
//! binary never contain it; tests, benches and examples use it as `fakepool`.
//!
//! Every name is a random first name joined to a random last name of the same nation, so any
//! likeness to a real player is chance.

use chrono::{Duration, NaiveDate};
use squadboard::domain::{Currency, Fee, Foot, Player, Position};
use squadboard::store::pool::PlayerOut;
use std::io::{self, Write};

/// SplitMix64: tiny, fast, and good enough to pick names.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

struct Nation {
    country: &'static str,
    first: &'static [&'static str],
    last: &'static [&'static str],
    /// Two family names ("García López"), as in Spain and Portugal, this often in 100.
    double_surname: u64,
}

const NATIONS: &[Nation] = &[
    Nation {
        country: "Spain",
        first: &[
            "Álvaro",
            "Sergio",
            "Íñigo",
            "Pablo",
            "Alejandro",
            "Jesús",
            "Rubén",
            "Adrián",
            "Martín",
            "Hugo",
            "Raúl",
            "Ángel",
            "Joaquín",
            "Víctor",
            "Óscar",
            "Iker",
            "Unai",
            "Jorge",
            "Daniel",
            "Mikel",
        ],
        last: &[
            "García",
            "Fernández",
            "González",
            "Rodríguez",
            "López",
            "Martínez",
            "Sánchez",
            "Pérez",
            "Gómez",
            "Martín",
            "Jiménez",
            "Ruiz",
            "Hernández",
            "Díaz",
            "Moreno",
            "Muñoz",
            "Álvarez",
            "Romero",
            "Navarro",
            "Iriarte",
            "Ibáñez",
            "Zubiría",
        ],
        double_surname: 35,
    },
    Nation {
        country: "Portugal",
        first: &[
            "João",
            "Gonçalo",
            "Tomás",
            "Rúben",
            "Diogo",
            "André",
            "Vítor",
            "Nuno",
            "Rafael",
            "Bernardo",
            "Simão",
            "Luís",
            "Fábio",
            "Sebastião",
        ],
        last: &[
            "Silva",
            "Santos",
            "Ferreira",
            "Pereira",
            "Oliveira",
            "Costa",
            "Rodrigues",
            "Martins",
            "Jesus",
            "Sousa",
            "Fernandes",
            "Gonçalves",
            "Magalhães",
            "Araújo",
            "Conceição",
            "Patrício",
        ],
        double_surname: 30,
    },
    Nation {
        country: "Brazil",
        first: &[
            "Vinícius",
            "Gabriel",
            "Matheus",
            "Lucas",
            "Thiago",
            "Rodrigo",
            "Éverton",
            "Júnior",
            "Caio",
            "Felipe",
            "Igor",
            "Antônio",
            "Douglas",
            "Wendell",
            "Marcão",
            "Kauã",
        ],
        last: &[
            "Souza",
            "Lima",
            "Carvalho",
            "Ribeiro",
            "Almeida",
            "Nascimento",
            "Araújo",
            "Barbosa",
            "Moraes",
            "Conceição",
            "Gonçalves",
            "Brandão",
            "Guimarães",
            "Assunção",
        ],
        double_surname: 10,
    },
    Nation {
        country: "France",
        first: &[
            "Théo",
            "Kylian",
            "Aurélien",
            "Raphaël",
            "Jérôme",
            "Benoît",
            "Loïc",
            "Clément",
            "Mathéo",
            "Noé",
            "Ousmane",
            "Hugo",
            "Lucas",
            "Maël",
            "Eliott",
            "Rayan",
        ],
        last: &[
            "Dubois",
            "Lefèvre",
            "Moreau",
            "Girard",
            "Bonnet",
            "Rousseau",
            "Mercier",
            "Fontaine",
            "Lefébure",
            "Chevalier",
            "Bérard",
            "Gaël",
            "Kéïta",
            "Camara",
            "Diallo",
            "Sané",
        ],
        double_surname: 0,
    },
    Nation {
        country: "Germany",
        first: &[
            "Jürgen",
            "Lukas",
            "Jonas",
            "Florian",
            "Maximilian",
            "Leon",
            "Niklas",
            "Jörg",
            "Timo",
            "Kai",
            "Felix",
            "Björn",
            "Moritz",
            "Janik",
        ],
        last: &[
            "Müller",
            "Schröder",
            "Schäfer",
            "Weiß",
            "Becker",
            "Hoffmann",
            "Koch",
            "Krüger",
            "Günther",
            "Wagner",
            "Groß",
            "Böhm",
            "Köhler",
            "Neumann",
            "Vogt",
        ],
        double_surname: 0,
    },
    Nation {
        country: "Netherlands",
        first: &[
            "Daan", "Sem", "Joël", "Teun", "Bram", "Ruud", "Stijn", "Jurriën", "Wout", "Thijs",
            "Noa", "Milan",
        ],
        last: &[
            "de Jong",
            "van Dijk",
            "Bakker",
            "Visser",
            "Smit",
            "de Vries",
            "van den Berg",
            "Mulder",
            "de Groot",
            "Bos",
            "Vos",
            "Jansen",
            "van Leeuwen",
        ],
        double_surname: 0,
    },
    Nation {
        country: "England",
        first: &[
            "Harry", "Jack", "Oliver", "George", "Mason", "Declan", "Callum", "Reece", "Jordan",
            "Ben", "Tyrone", "Kieran", "Marcus", "Ollie",
        ],
        last: &[
            "Smith", "Walker", "Stones", "Taylor", "Brown", "Wilson", "Clarke", "Robinson",
            "Wright", "Hughes", "Thompson", "Edwards", "Whitaker", "Ashworth",
        ],
        double_surname: 0,
    },
    Nation {
        country: "Italy",
        first: &[
            "Niccolò",
            "Federico",
            "Alessandro",
            "Lorenzo",
            "Giacomo",
            "Matteo",
            "Davide",
            "Nicolò",
            "Gianluca",
            "Andrea",
            "Riccardo",
            "Tommaso",
        ],
        last: &[
            "Rossi",
            "Russo",
            "Ferrari",
            "Esposito",
            "Bianchi",
            "Romano",
            "Colombo",
            "Ricci",
            "Bernardeschi",
            "Barella",
            "Scamacca",
            "De Luca",
            "Mancini",
            "Fabbri",
        ],
        double_surname: 0,
    },
    Nation {
        country: "Poland",
        first: &[
            "Łukasz",
            "Wojciech",
            "Grzegorz",
            "Krzysztof",
            "Mateusz",
            "Paweł",
            "Jędrzej",
            "Przemysław",
            "Michał",
            "Jakub",
            "Bartłomiej",
        ],
        last: &[
            "Kowalski",
            "Wiśniewski",
            "Wójcik",
            "Kamiński",
            "Lewandowski",
            "Zieliński",
            "Szymański",
            "Woźniak",
            "Dąbrowski",
            "Kozłowski",
            "Żółkiewski",
            "Górecki",
        ],
        double_surname: 0,
    },
    Nation {
        country: "Czech Republic",
        first: &[
            "Tomáš", "Jiří", "Ondřej", "Lukáš", "Vojtěch", "Matěj", "Adam", "Václav", "Přemysl",
        ],
        last: &[
            "Novák",
            "Dvořák",
            "Černý",
            "Procházka",
            "Kučera",
            "Veselý",
            "Horák",
            "Němec",
            "Šťastný",
            "Souček",
            "Krejčí",
        ],
        double_surname: 0,
    },
    Nation {
        country: "Türkiye",
        first: &[
            "Arda", "Kerem", "Ferdi", "Barış", "Çağlar", "Oğuz", "Uğurcan", "İsmail", "Kaan",
            "Hakan", "Yusuf", "Semih",
        ],
        last: &[
            "Yılmaz",
            "Kaya",
            "Demir",
            "Şahin",
            "Çelik",
            "Yıldız",
            "Aydın",
            "Öztürk",
            "Arslan",
            "Doğan",
            "Kılıç",
            "Güler",
            "Söyüncü",
        ],
        double_surname: 0,
    },
    Nation {
        country: "Nigeria",
        first: &[
            "Chukwuemeka",
            "Oluwaseun",
            "Victor",
            "Samuel",
            "Ademola",
            "Kelechi",
            "Wilfred",
            "Emeka",
            "Tolu",
            "Chidera",
            "Ikechukwu",
            "Babatunde",
        ],
        last: &[
            "Okafor",
            "Adeyemi",
            "Osimhen",
            "Nwankwo",
            "Okonkwo",
            "Balogun",
            "Eze",
            "Onuachu",
            "Iwobi",
            "Ndidi",
            "Adebayo",
            "Olatunji",
            "Chukwueze",
        ],
        double_surname: 0,
    },
    Nation {
        country: "Japan",
        first: &[
            "Takumi", "Kaoru", "Daichi", "Wataru", "Ritsu", "Hiroki", "Takefusa", "Ko", "Ayase",
            "Junya", "Shogo", "Yuto",
        ],
        last: &[
            "Tanaka",
            "Suzuki",
            "Takahashi",
            "Watanabe",
            "Itō",
            "Yamamoto",
            "Nakamura",
            "Kobayashi",
            "Kubo",
            "Endō",
            "Mitoma",
            "Tomiyasu",
            "Ōta",
        ],
        double_surname: 0,
    },
    Nation {
        country: "Korea, South",
        first: &[
            "Min-jae",
            "Heung-min",
            "Kang-in",
            "Hee-chan",
            "Gue-sung",
            "Jae-sung",
            "Woo-yeong",
            "Seung-ho",
            "Ji-sung",
            "Young-woo",
        ],
        last: &[
            "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Hwang",
        ],
        double_surname: 0,
    },
    Nation {
        country: "Argentina",
        first: &[
            "Nicolás",
            "Julián",
            "Enzo",
            "Alexis",
            "Leandro",
            "Máximo",
            "Thiago",
            "Agustín",
            "Facundo",
            "Valentín",
            "Exequiel",
        ],
        last: &[
            "Fernández",
            "Álvarez",
            "Martínez",
            "Romero",
            "Otamendi",
            "Paredes",
            "Acuña",
            "Molina",
            "Medina",
            "Gutiérrez",
            "Pezzella",
            "Zárate",
        ],
        double_surname: 5,
    },
];

const CITIES: &[&str] = &[
    "Norte",
    "Valdoria",
    "Rheinstadt",
    "Porto Velho",
    "Lisária",
    "Montclair",
    "Brugvliet",
    "Ashbury",
    "Castelmare",
    "Wrocławek",
    "Kralov",
    "Anatolia",
    "Lagosia",
    "Kanagawa Bay",
    "Seohan",
    "Río Quinto",
    "San Telmo Sur",
    "Eichenau",
    "Saint-Aubin",
    "Zuidhaven",
];

const CLUB_FORMS: &[&str] = &[
    "Atlético {}",
    "FC {}",
    "{} United",
    "Sporting {}",
    "Real {}",
    "{} Calcio",
    "Dynamo {}",
    "{} Athletic",
    "Racing {}",
    "{} SK",
];

/// Transfermarkt's sub-position, its broad position, and how often in 1000 it is drawn.
const POSITIONS: &[(&str, &str, u64)] = &[
    ("Goalkeeper", "Goalkeeper", 110),
    ("Centre-Back", "Defender", 190),
    ("Right-Back", "Defender", 80),
    ("Left-Back", "Defender", 80),
    ("Defensive Midfield", "Midfield", 80),
    ("Central Midfield", "Midfield", 120),
    ("Attacking Midfield", "Midfield", 70),
    ("Left Midfield", "Midfield", 15),
    ("Right Midfield", "Midfield", 15),
    ("Left Winger", "Attack", 60),
    ("Right Winger", "Attack", 60),
    ("Second Striker", "Attack", 15),
    ("Centre-Forward", "Attack", 105),
];

/// A made-up player with every Transfermarkt column the CSV carries.
#[derive(Debug, Clone)]
pub struct Generated {
    pub tm_id: u64,
    pub first_name: String,
    pub last_name: String,
    pub country: &'static str,
    pub club_id: u64,
    pub club: String,
    pub born: NaiveDate,
    pub sub_position: &'static str,
    pub position: &'static str,
    pub foot: Option<Foot>,
    pub height_cm: u32,
    pub contract_until: Option<NaiveDate>,
    pub market_value: Option<u64>,
}

impl Generated {
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    pub fn to_player(&self) -> Player {
        let pos = squadboard::store::csv_import::map_sub_position(self.sub_position);
        let mut p = Player::new(
            &format!("tm-{}", self.tm_id),
            &self.name(),
            &self.club,
            pos.or(Some(Position::CM)),
        );
        p.born = Some(self.born);
        p.nationality = Some(self.country.to_string());
        p.foot = self.foot;
        p.contract_until = self.contract_until;
        p.market_value = self.market_value.map(|amount| Fee {
            amount,
            currency: Currency::EUR,
            approximate: false,
        });
        p
    }
}

/// `n` made-up players, the same for the same seed.
pub fn generate(n: usize, seed: u64) -> Vec<Generated> {
    let mut rng = Rng::new(seed);
    let clubs: Vec<String> = CITIES
        .iter()
        .flat_map(|c| CLUB_FORMS.iter().map(move |f| f.replace("{}", c)))
        .collect();
    let epoch = NaiveDate::from_ymd_opt(1986, 1, 1).unwrap_or_default();
    (0..n)
        .map(|i| {
            let nation = rng.pick(NATIONS);
            let first = rng.pick(nation.first).to_string();
            let mut last = rng.pick(nation.last).to_string();
            if rng.below(100) < nation.double_surname {
                last = format!("{last} {}", rng.pick(nation.last));
            }
            let club_no = rng.below(clubs.len() as u64);
            let born = epoch + Duration::days(rng.below(22 * 365) as i64);
            let mut roll = rng.below(1000);
            let &(sub, broad, _) = POSITIONS
                .iter()
                .find(|(_, _, w)| {
                    let hit = roll < *w;
                    roll = roll.saturating_sub(*w);
                    hit
                })
                .unwrap_or(&POSITIONS[0]);
            let foot = match rng.below(100) {
                0..=69 => Some(Foot::Right),
                70..=91 => Some(Foot::Left),
                92..=96 => Some(Foot::Both),
                _ => None,
            };
            let contract_until = (rng.below(20) != 0).then(|| {
                NaiveDate::from_ymd_opt(2025 + rng.below(7) as i32, 6, 30).unwrap_or(epoch)
            });
            // Log-spread values from €25k to ~€150m, rounded as Transfermarkt rounds them.
            let market_value = (rng.below(15) != 0).then(|| {
                let exp = 4.4 + (rng.below(10_000) as f64 / 10_000.0) * 3.8;
                let v = 10f64.powf(exp) as u64;
                (v / 25_000).max(1) * 25_000
            });
            Generated {
                tm_id: 100_000 + i as u64 * 7 + rng.below(7),
                first_name: first,
                last_name: last,
                country: nation.country,
                club_id: 1000 + club_no,
                club: clubs[club_no as usize].clone(),
                born,
                sub_position: sub,
                position: broad,
                foot,
                height_cm: 165 + rng.below(35) as u32,
                contract_until,
                market_value,
            }
        })
        .collect()
}

/// Just the names of [`generate`]'s players.
pub fn names(n: usize, seed: u64) -> Vec<String> {
    generate(n, seed).iter().map(Generated::name).collect()
}

/// The header of the public `players.csv`, in its order.
pub const TM_HEADER: [&str; 23] = [
    "player_id",
    "first_name",
    "last_name",
    "name",
    "last_season",
    "current_club_id",
    "player_code",
    "country_of_birth",
    "city_of_birth",
    "country_of_citizenship",
    "date_of_birth",
    "sub_position",
    "position",
    "foot",
    "height_in_cm",
    "contract_expiration_date",
    "agent_name",
    "image_url",
    "url",
    "current_club_domestic_competition_id",
    "current_club_name",
    "market_value_in_eur",
    "highest_market_value_in_eur",
];

/// Writes players as Transfermarkt's `players.csv` writes them (floats, dates with a time).
pub fn write_csv(players: &[Generated], out: impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(TM_HEADER).map_err(io::Error::other)?;
    for p in players {
        let name = p.name();
        let code = squadboard::search::fold(&name).replace(' ', "-");
        let foot = match p.foot {
            Some(Foot::Right) => "right",
            Some(Foot::Left) => "left",
            Some(Foot::Both) => "both",
            None => "",
        };
        let day = |d: NaiveDate| format!("{d} 00:00:00");
        let value = p.market_value.map_or(String::new(), |v| format!("{v}.0"));
        w.write_record([
            p.tm_id.to_string().as_str(),
            &p.first_name,
            &p.last_name,
            &name,
            "2025",
            &p.club_id.to_string(),
            &code,
            p.country,
            "",
            p.country,
            &day(p.born),
            p.sub_position,
            p.position,
            foot,
            &format!("{}.0", p.height_cm),
            &p.contract_until.map_or(String::new(), day),
            "",
            "",
            &format!("https://example.invalid/{code}/profil/spieler/{}", p.tm_id),
            "XX1",
            &p.club,
            &value,
            &value,
        ])
        .map_err(io::Error::other)?;
    }
    w.flush()
}

/// Writes players as a RON pool: `Pool(players: [Player(..), ..])`, one player a line.
pub fn write_ron(players: &[Generated], mut out: impl Write) -> io::Result<()> {
    writeln!(out, "Pool(players: [")?;
    for p in players {
        let line = ron::to_string(&PlayerOut(&p.to_player())).map_err(io::Error::other)?;
        writeln!(out, "    {line},")?;
    }
    writeln!(out, "])")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_players() {
        let a = names(500, 1);
        assert_eq!(a, names(500, 1));
        assert_ne!(a, names(500, 2));
        // Accents of many nations are there to be folded.
        let all = a.join(" ");
        assert!(!all.is_ascii(), "{all}");
        let ids: std::collections::HashSet<u64> =
            generate(5000, 3).iter().map(|g| g.tm_id).collect();
        assert_eq!(ids.len(), 5000, "ids are unique");
    }
}
