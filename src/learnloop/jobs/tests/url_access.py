from learnloop.web.tests.url_access import Expectation

EXPECTATIONS = {"jobs_home": Expectation(frozenset({"admin"}))}
