import { render } from 'solid-js/web';
import { App } from './App.js';
import { start } from './state.js';
import { registerServiceWorker } from './sw-register.js';
import './styles.css';

render(() => <App />, document.getElementById('root')!);
void start();
void registerServiceWorker();
