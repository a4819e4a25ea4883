import { fromRows, type Row } from './rows.js';

/** Songs in Japanese, Chinese, French, Spanish, Portuguese, German and Icelandic, and calm instrumentals. Ratings: team rubric v1. */
// One song per line: the table reads and diffs best unwrapped.
// prettier-ignore
const ROWS: readonly Row[] = [
  // Instrumentals
  ['yann-tiersen-comptine', "Comptine d'un autre été, l'après-midi", 'Yann Tiersen', 2001, 'zxx', 'classical', 0.45, 0.25, 'calm piano instrumental wistful'],
  ['einaudi-nuvole-bianche', 'Nuvole Bianche', 'Ludovico Einaudi', 2004, 'zxx', 'classical', 0.45, 0.2, 'calm piano instrumental'],
  ['max-richter-nature-of-daylight', 'On the Nature of Daylight', 'Max Richter', 2004, 'zxx', 'classical', 0.25, 0.15, 'sad strings instrumental'],
  ['brian-eno-an-ending', 'An Ending (Ascent)', 'Brian Eno', 1983, 'zxx', 'electronic', 0.65, 0.05, 'calm ambient instrumental'],
  ['sakamoto-merry-christmas-mr-lawrence', 'Merry Christmas Mr. Lawrence', 'Ryuichi Sakamoto', 1983, 'zxx', 'classical', 0.45, 0.3, 'wistful piano instrumental'],
  ['joe-hisaishi-one-summers-day', "One Summer's Day", 'Joe Hisaishi', 2001, 'zxx', 'classical', 0.6, 0.25, 'nostalgic piano instrumental'],
  ['marconi-union-weightless', 'Weightless', 'Marconi Union', 2011, 'zxx', 'electronic', 0.6, 0.02, 'calm ambient instrumental sleep'],
  // Japanese and Chinese
  ['mariya-takeuchi-plastic-love', 'プラスティック・ラブ', 'Mariya Takeuchi', 1984, 'ja', 'pop', 0.6, 0.6, 'city-pop groove'],
  ['kenshi-yonezu-lemon', 'Lemon', 'Kenshi Yonezu', 2018, 'ja', 'pop', 0.3, 0.55, 'grief longing'],
  ['yoasobi-yoru-ni-kakeru', '夜に駆ける', 'YOASOBI', 2019, 'ja', 'pop', 0.35, 0.8, 'restless bittersweet'],
  ['higedan-pretender', 'Pretender', 'Official髭男dism', 2019, 'ja', 'pop', 0.35, 0.6, 'bittersweet longing'],
  ['utada-first-love', 'First Love', 'Hikaru Utada', 1999, 'ja', 'ballad', 0.25, 0.3, 'sad nostalgic'],
  ['kyu-sakamoto-sukiyaki', '上を向いて歩こう', 'Kyu Sakamoto', 1961, 'ja', 'pop', 0.55, 0.45, 'bittersweet hopeful'],
  ['teresa-teng-moon-represents-my-heart', '月亮代表我的心', 'Teresa Teng', 1977, 'zh', 'ballad', 0.7, 0.2, 'tender calm'],
  // French, Spanish, Portuguese, German, Icelandic
  ['edith-piaf-la-vie-en-rose', 'La Vie en rose', 'Édith Piaf', 1947, 'fr', 'pop', 0.8, 0.3, 'tender love'],
  ['edith-piaf-non-je-ne-regrette-rien', 'Non, je ne regrette rien', 'Édith Piaf', 1960, 'fr', 'pop', 0.6, 0.55, 'defiant triumphant'],
  ['stromae-alors-on-danse', 'Alors on danse', 'Stromae', 2009, 'fr', 'electronic', 0.4, 0.8, 'weary dance'],
  ['elis-tom-aguas-de-marco', 'Águas de Março', 'Elis Regina & Tom Jobim', 1974, 'pt', 'jazz', 0.7, 0.45, 'gentle bossa-nova'],
  ['luis-fonsi-despacito', 'Despacito', 'Luis Fonsi feat. Daddy Yankee', 2017, 'es', 'pop', 0.85, 0.75, 'summer latin dance'],
  ['ritchie-valens-la-bamba', 'La Bamba', 'Ritchie Valens', 1958, 'es', 'rock', 0.9, 0.9, 'joyful classic'],
  ['buena-vista-chan-chan', 'Chan Chan', 'Buena Vista Social Club', 1997, 'es', 'folk', 0.6, 0.4, 'relaxed warm'],
  ['gipsy-kings-bamboleo', 'Bamboléo', 'Gipsy Kings', 1987, 'es', 'folk', 0.85, 0.85, 'joyful flamenco'],
  ['nena-99-luftballons', '99 Luftballons', 'Nena', 1983, 'de', 'pop', 0.55, 0.8, 'upbeat new-wave'],
  ['sigur-ros-hoppipolla', 'Hoppípolla', 'Sigur Rós', 2005, 'is', 'rock', 0.8, 0.6, 'euphoric swelling'],
];

export const INTL_WORLD_INSTRUMENTAL = fromRows(ROWS);
