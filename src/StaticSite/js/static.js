// Pages without a form of their own: just the help footer and the announcement.
import { initPage } from './page.js';

initPage();
