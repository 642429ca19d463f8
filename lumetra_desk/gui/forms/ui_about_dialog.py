# Generated from ui/about_dialog.ui by scripts/compile_forms.py - do not edit; edit the form and recompile.
# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
    QPlainTextEdit, QSizePolicy, QTabWidget, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_AboutDialog(object):
    def setupUi(self, AboutDialog):
        if not AboutDialog.objectName():
            AboutDialog.setObjectName(u"AboutDialog")
        AboutDialog.resize(640, 520)
        self.aboutLayout = QVBoxLayout(AboutDialog)
        self.aboutLayout.setObjectName(u"aboutLayout")
        self.headerLayout = QHBoxLayout()
        self.headerLayout.setObjectName(u"headerLayout")
        self.iconLabel = QLabel(AboutDialog)
        self.iconLabel.setObjectName(u"iconLabel")
        self.iconLabel.setMinimumSize(QSize(64, 64))

        self.headerLayout.addWidget(self.iconLabel)

        self.titleLayout = QVBoxLayout()
        self.titleLayout.setObjectName(u"titleLayout")
        self.titleLabel = QLabel(AboutDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.titleLayout.addWidget(self.titleLabel)

        self.versionLabel = QLabel(AboutDialog)
        self.versionLabel.setObjectName(u"versionLabel")
        self.versionLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.titleLayout.addWidget(self.versionLabel)

        self.descriptionLabel = QLabel(AboutDialog)
        self.descriptionLabel.setObjectName(u"descriptionLabel")
        self.descriptionLabel.setWordWrap(True)

        self.titleLayout.addWidget(self.descriptionLabel)


        self.headerLayout.addLayout(self.titleLayout)


        self.aboutLayout.addLayout(self.headerLayout)

        self.tabs = QTabWidget(AboutDialog)
        self.tabs.setObjectName(u"tabs")
        self.librariesTab = QWidget()
        self.librariesTab.setObjectName(u"librariesTab")
        self.librariesLayout = QVBoxLayout(self.librariesTab)
        self.librariesLayout.setObjectName(u"librariesLayout")
        self.librariesHint = QLabel(self.librariesTab)
        self.librariesHint.setObjectName(u"librariesHint")
        self.librariesHint.setWordWrap(True)

        self.librariesLayout.addWidget(self.librariesHint)

        self.librariesTable = QTableWidget(self.librariesTab)
        self.librariesTable.setObjectName(u"librariesTable")
        self.librariesTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.librariesTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.librariesTable.setAlternatingRowColors(True)

        self.librariesLayout.addWidget(self.librariesTable)

        self.licenceText = QPlainTextEdit(self.librariesTab)
        self.licenceText.setObjectName(u"licenceText")
        self.licenceText.setReadOnly(True)

        self.librariesLayout.addWidget(self.licenceText)

        self.tabs.addTab(self.librariesTab, "")
        self.fontsTab = QWidget()
        self.fontsTab.setObjectName(u"fontsTab")
        self.fontsLayout = QVBoxLayout(self.fontsTab)
        self.fontsLayout.setObjectName(u"fontsLayout")
        self.fontsHint = QLabel(self.fontsTab)
        self.fontsHint.setObjectName(u"fontsHint")
        self.fontsHint.setWordWrap(True)

        self.fontsLayout.addWidget(self.fontsHint)

        self.fontLicences = QPlainTextEdit(self.fontsTab)
        self.fontLicences.setObjectName(u"fontLicences")
        self.fontLicences.setReadOnly(True)

        self.fontsLayout.addWidget(self.fontLicences)

        self.tabs.addTab(self.fontsTab, "")

        self.aboutLayout.addWidget(self.tabs)

        self.buttonBox = QDialogButtonBox(AboutDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.aboutLayout.addWidget(self.buttonBox)


        self.retranslateUi(AboutDialog)
        self.buttonBox.rejected.connect(AboutDialog.reject)

        QMetaObject.connectSlotsByName(AboutDialog)
    # setupUi

    def retranslateUi(self, AboutDialog):
        AboutDialog.setWindowTitle(QCoreApplication.translate("AboutDialog", u"About Lumetra Desk", None))
        self.titleLabel.setText(QCoreApplication.translate("AboutDialog", u"Lumetra Desk", None))
        self.descriptionLabel.setText(QCoreApplication.translate("AboutDialog", u"A local-first case manager for privacy requests: intake, statutory deadlines, verification and letters.", None))
        self.librariesHint.setText(QCoreApplication.translate("AboutDialog", u"Lumetra Desk is built with these libraries, each under its own licence:", None))
        self.licenceText.setPlaceholderText(QCoreApplication.translate("AboutDialog", u"Choose a library to read its licence.", None))
        self.tabs.setTabText(self.tabs.indexOf(self.librariesTab), QCoreApplication.translate("AboutDialog", u"Libraries", None))
        self.fontsHint.setText(QCoreApplication.translate("AboutDialog", u"Letters embed these fonts, shipped with the app under their licences:", None))
        self.tabs.setTabText(self.tabs.indexOf(self.fontsTab), QCoreApplication.translate("AboutDialog", u"Fonts", None))
    # retranslateUi
