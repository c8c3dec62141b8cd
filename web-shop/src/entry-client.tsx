import { hydrateRoot } from 'react-dom/client';
import { accessToken } from './account/session.js';
import { shopApi } from './api/api-client.js';
import { App } from './app/App.js';
import { BOOT_ELEMENT_ID, type ShopBoot } from './app/boot.js';
import './styles.css';

const boot = JSON.parse(document.getElementById(BOOT_ELEMENT_ID)?.textContent ?? 'null') as ShopBoot;
const root = document.getElementById('shop');
if (root) hydrateRoot(root, <App boot={boot} api={shopApi(boot.apiUrl, accessToken)} />);
