import { render } from 'solid-js/web';

function App() {
  return (
    <main>
      <h1>Plek</h1>
      <p>Werkplekken en vergaderruimtes reserveren. De app volgt.</p>
      <p lang="en">Reserve desks and meeting rooms. The app follows.</p>
    </main>
  );
}

render(() => <App />, document.getElementById('root')!);
