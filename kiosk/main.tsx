import { render } from 'solid-js/web';

function Kiosk() {
  return (
    <main>
      <h1>Plek kiosk</h1>
      <p>Deze kiosk is nog niet gekoppeld. / This kiosk is not paired yet.</p>
    </main>
  );
}

render(() => <Kiosk />, document.getElementById('root')!);
