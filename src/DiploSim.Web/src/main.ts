import './style.css';
import { lobby } from './lobby';
import { player } from './player/Page';
import { teacher } from './teacher/Page';
import { screen } from './screen/Page';
import { say, words } from './i18n';
import { briefings } from './briefing';

const root = document.getElementById('app')!;
const pages: Record<string, (root: HTMLElement) => Promise<void> | void> = { '/': lobby, '/play': player, '/teach': teacher, '/screen': screen, '/briefings': briefings };
const page = pages[location.pathname.replace(/\/$/, '') || '/'] ?? lobby;
void Promise.resolve(page(root)).catch((err: Error) => {
  root.textContent = say(words.app.somethingWrong, { message: err.message });
});
