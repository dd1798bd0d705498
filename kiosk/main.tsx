import { render } from 'solid-js/web';
import { App } from './App.js';
import { start } from './state.js';
import './kiosk.css';

render(() => <App />, document.getElementById('root')!);
void start();
