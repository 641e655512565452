import './style.css';
import { lobby } from './lobby';
import { player } from './player/Page';
import { teacher } from './teacher/Page';
import { screen } from './screen/Page';

const root = document.getElementById('app')!;
const pages: Record<string, (root: HTMLElement) => Promise<void> | void> = { '/': lobby, '/play': player, '/teach': teacher, '/screen': screen };
const page = pages[location.pathname.replace(/\/$/, '') || '/'] ?? lobby;
void Promise.resolve(page(root)).catch((err: Error) => {
  root.textContent = `Something went wrong: ${err.message}`;
});
