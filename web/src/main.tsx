import { render } from 'preact';
// The base stylesheet first: a page's own stylesheet (ems.css, disaster.css) comes after it in
// the bundle, so that its rules win over the base ones of the same weight (.card, .badge).
import './styles.css';
import { App } from './app';

render(<App />, document.getElementById('app')!);
