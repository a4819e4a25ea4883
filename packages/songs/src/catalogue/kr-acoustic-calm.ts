import { fromRows, type Row } from './rows.js';

/** More Korean songs for quiet moments: warm acoustic and mid-tempo love songs, winter and night songs. Ratings: team rubric v1. */
// One song per line: the table reads and diffs best unwrapped.
// prettier-ignore
const ROWS: readonly Row[] = [
  ['iu-friday', '금요일에 만나요', 'IU', 2013, 'ko', 'k-pop', 0.8, 0.45, 'sweet fluttery acoustic'],
  ['kim-kwangseok-where-the-wind-blows', '바람이 불어오는 곳', '김광석', 1994, 'ko', 'folk', 0.65, 0.35, 'hopeful acoustic travel'],
  ['lee-moonsae-under-the-shade', '가로수 그늘 아래 서면', '이문세', 1988, 'ko', 'ballad', 0.55, 0.3, 'nostalgic gentle'],
  ['shin-seunghun-i-believe', 'I Believe', '신승훈', 2001, 'ko', 'ost', 0.65, 0.4, 'devoted hopeful'],
  ['acoustic-collabo-strange-with-you', '묘해, 너와', '어쿠스틱 콜라보', 2014, 'ko', 'ost', 0.75, 0.4, 'fluttery acoustic'],
  ['akmu-give-love', 'Give Love', 'AKMU', 2014, 'ko', 'indie', 0.8, 0.45, 'warm acoustic love'],
  ['bts-magic-shop', 'Magic Shop', 'BTS', 2018, 'ko', 'k-pop', 0.7, 0.45, 'comforting warm'],
  ['byun-jinsub-wish-list', '희망사항', '변진섭', 1989, 'ko', 'ballad', 0.8, 0.5, 'playful sweet classic'],
  ['paul-kim-goodbye', '안녕', '폴킴', 2019, 'ko', 'ost', 0.4, 0.3, 'farewell gentle'],
  ['taeyeon-all-about-you', '그대라는 시', '태연', 2019, 'ko', 'ost', 0.45, 0.35, 'longing tender'],
  ['exo-miracles-in-december', '12월의 기적', 'EXO', 2013, 'ko', 'k-pop', 0.45, 0.35, 'winter longing ballad'],
  ['red-velvet-one-of-these-nights', '7월 7일 (One Of These Nights)', 'Red Velvet', 2016, 'ko', 'k-pop', 0.4, 0.35, 'longing night ballad'],
];

export const KR_ACOUSTIC_CALM = fromRows(ROWS);
