import { render } from "preact";
import { App } from "./shell";
import { startApp } from "./app";
import { startRouter } from "./router";
import { locale } from "./i18n";
import "./styles.css";

document.documentElement.lang = locale.value;
startRouter();
startApp();
render(<App />, document.getElementById("app")!);
