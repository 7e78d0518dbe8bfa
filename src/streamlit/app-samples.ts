import { existsSync } from 'fs';
import { join, posix } from 'path';
import { Component, Project, SampleFile } from '../projen-api';
import { APP_PATH_MODULE, AppPathModule } from './app-path-module';
import { LAYOUT } from '../layout';

/** What the samples need: the app's path, and its title (the project name). */
export interface AppSampleOptions {
  /** The project name: the app's title. */
  readonly name: string;
  /** Path of the Streamlit script, relative to the project root. */
  readonly appEntrypoint: string;
}

/**
 * The Streamlit app skeleton, its AppTest test and `.streamlit/config.toml`.
 * Written once when missing; the user owns them afterwards.
 */
export class StreamlitAppSamples extends Component {
  constructor(project: Project, options: AppSampleOptions) {
    super(project);
    // An adopted project brings its own app: its test then checks only that the app runs.
    const ownApp = existsSync(join(project.outdir, options.appEntrypoint));
    new SampleFile(project, options.appEntrypoint, { contents: appSource(options.name) });
    new SampleFile(project, LAYOUT.appTestFile, { contents: ownApp ? smokeTestSource() : appTestSource(options) });
    new SampleFile(project, LAYOUT.streamlitConfig, { contents: STREAMLIT_CONFIG });
    new AppPathModule(project, options.appEntrypoint);
  }
}

/** A Python string literal: JSON string escapes are valid Python escapes. */
function pyString(text: string): string {
  return JSON.stringify(text);
}

function appSource(title: string): string {
  return `"""The Streamlit app. This file is yours: \`npx projen\` never overwrites it."""

import random

import streamlit as st

TITLE = ${pyString(title)}


def random_walk(steps: int, rng: random.Random) -> list[float]:
    position, positions = 0.0, []
    for _ in range(steps):
        position += rng.gauss(0.0, 1.0)
        positions.append(position)
    return positions


st.set_page_config(page_title=TITLE, page_icon=":bar_chart:")
st.title(TITLE)
st.write("Edit this script and save: the dev server reloads it.")

points = st.slider("Number of points", min_value=10, max_value=500, value=100, step=10)
rng = random.Random(42)
st.line_chart({name: random_walk(points, rng) for name in ("a", "b", "c")})
st.caption(f"Showing {points} points.")

upload = st.file_uploader("Upload a file")
if upload is not None:
    st.write(f"Received {upload.name}: {upload.size} bytes.")
`;
}

function testPreamble(): string {
  const module = posix.basename(APP_PATH_MODULE, '.py');
  return `"""Tests for the Streamlit app, run headless with streamlit.testing.v1.AppTest."""

from ${module} import APP_PATH
from streamlit.testing.v1 import AppTest


def run_app() -> AppTest:
    app = AppTest.from_file(str(APP_PATH), default_timeout=30)
    return app.run()
`;
}

function smokeTestSource(): string {
  return `${testPreamble()}

def test_app_runs_without_errors():
    app = run_app()
    assert not app.exception
`;
}

function appTestSource(options: AppSampleOptions): string {
  return `${testPreamble()}

def test_renders_title_without_errors():
    app = run_app()
    assert not app.exception
    assert app.title[0].value == ${pyString(options.name)}


def test_slider_drives_the_chart_caption():
    app = run_app()
    app.slider[0].set_value(200).run()
    assert not app.exception
    assert app.caption[0].value == "Showing 200 points."
`;
}

const STREAMLIT_CONFIG = `# Streamlit settings for development and production. This file is yours.
# The port and address are set by the Dockerfile and the projen tasks (from .projenrc.ts).

[server]
headless = true
enableXsrfProtection = true

[browser]
gatherUsageStats = false
`;
