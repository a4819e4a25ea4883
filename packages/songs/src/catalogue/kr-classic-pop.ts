import { fromRows, type Row } from './rows.js';

/** Korean pop, dance and rock of the 1980s–2000s, and later songs by artists of that era. Ratings: team rubric v1. */
// One song per line: the table reads and diffs best unwrapped.
// prettier-ignore
const ROWS: readonly Row[] = [
  ['seotaiji-i-know', '난 알아요', '서태지와 아이들', 1992, 'ko', 'dance', 0.6, 0.85, 'classic energetic'],
  ['seotaiji-classroom-idea', '교실 이데아', '서태지와 아이들', 1994, 'ko', 'rock', 0.15, 0.95, 'angry loud protest'],
  ['seotaiji-come-back-home', 'Come Back Home', '서태지와 아이들', 1995, 'ko', 'hip-hop', 0.35, 0.8, 'tense pleading'],
  ['hot-warriors-descendant', '전사의 후예 (폭력시대)', 'H.O.T.', 1996, 'ko', 'k-pop', 0.15, 0.9, 'angry intense'],
  ['kim-gunmo-wrong-encounter', '잘못된 만남', '김건모', 1995, 'ko', 'dance', 0.6, 0.85, 'upbeat bitter fun'],
  ['cho-yongpil-bounce', '바운스', '조용필', 2013, 'ko', 'pop', 0.85, 0.7, 'bright fluttery'],
  ['cho-yongpil-leopard', '킬리만자로의 표범', '조용필', 1985, 'ko', 'ballad', 0.3, 0.4, 'lonely epic'],
  ['so-chanwhee-tears', 'Tears', '소찬휘', 2000, 'ko', 'dance', 0.3, 0.9, 'heartbreak intense high-notes'],
  ['cool-woman-of-the-beach', '해변의 여인', '쿨', 1997, 'ko', 'dance', 0.85, 0.8, 'summer upbeat'],
  ['djdoc-run-to-you', 'Run To You', 'DJ DOC', 2000, 'ko', 'dance', 0.85, 0.9, 'party energetic'],
  ['sechskies-couple', '커플', '젝스키스', 1998, 'ko', 'k-pop', 0.85, 0.7, 'bright love'],
  ['god-one-candle', '촛불하나', 'god', 2000, 'ko', 'k-pop', 0.65, 0.55, 'hopeful comforting'],
  ['god-road', '길', 'god', 2001, 'ko', 'ballad', 0.35, 0.35, 'reflective wistful'],
  ['shinhwa-brand-new', 'Brand New', '신화', 2004, 'ko', 'k-pop', 0.65, 0.9, 'energetic dance'],
  ['tvxq-mirotic', '주문 -MIROTIC-', '동방신기', 2008, 'ko', 'k-pop', 0.35, 0.85, 'dark intense dance'],
  ['lee-hyori-10-minutes', '10 Minutes', '이효리', 2003, 'ko', 'dance', 0.75, 0.85, 'confident dance'],
  ['turtles-bingo', '빙고', '거북이', 2008, 'ko', 'dance', 0.85, 0.85, 'cheerful singalong'],
  ['clon-kungttari', '쿵따리 샤바라', '클론', 1996, 'ko', 'dance', 0.9, 0.9, 'party energetic'],
  ['uhm-junghwa-invitation', '초대', '엄정화', 1998, 'ko', 'dance', 0.6, 0.8, 'sultry dance'],
  ['next-fly-chick', '날아라 병아리', '넥스트', 1994, 'ko', 'rock', 0.2, 0.45, 'sad grief'],
  ['yb-i-am-a-butterfly', '나는 나비', 'YB', 2006, 'ko', 'rock', 0.75, 0.8, 'hopeful uplifting rock'],
  ['cherry-filter-romantic-cat', '낭만고양이', '체리필터', 2002, 'ko', 'rock', 0.7, 0.85, 'energetic rock'],
  ['jaurim-twenty-five-twenty-one', '스물다섯, 스물하나', '자우림', 2013, 'ko', 'rock', 0.35, 0.45, 'nostalgic wistful'],
  ['kim-wansun-dance-in-rhythm', '리듬 속의 그 춤을', '김완선', 1987, 'ko', 'dance', 0.75, 0.85, 'retro dance'],
  ['jyp-dont-leave-me', '날 떠나지마', '박진영', 1994, 'ko', 'dance', 0.4, 0.8, 'pleading dance'],
  ['roo-ra-angel-without-wings', '날개 잃은 천사', '룰라', 1995, 'ko', 'dance', 0.55, 0.85, 'upbeat dance'],
  ['deux-look-back-at-me', '나를 돌아봐', '듀스', 1993, 'ko', 'hip-hop', 0.5, 0.9, 'energetic new-jack-swing'],
  ['solid-destiny', '천생연분', '솔리드', 1997, 'ko', 'r&b', 0.75, 0.55, 'sweet love groove'],
];

export const KR_CLASSIC_POP = fromRows(ROWS);
